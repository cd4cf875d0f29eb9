<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Strict CSP"/>
<c:set var="activeNav" value="csp"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>A page under a strict Content-Security-Policy</h1>
<p>This response carries</p>
<pre class="code">Content-Security-Policy: script-src 'nonce-…' 'strict-dynamic'; object-src 'none'; base-uri 'none'</pre>
<p>with a fresh random nonce for every response, set by the demo's own <code>CspNonceFilter</code>. Only script
  elements carrying that nonce may run. The filter also puts the nonce into the request attribute
  <code>cspNonce</code>, where the ChatHub tags look for it (setting <code>chathub.csp.nonce-attribute</code>), so
  the panel's script tags carry it and the panel loads as on every other page — and the browser console reports
  no violation.</p>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
