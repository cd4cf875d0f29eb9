<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="chathub" uri="https://chathub.smsbat.com/taglib" %>
<c:set var="pageTitle" value="Dashboard"/>
<c:set var="activeNav" value="dashboard"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Dashboard</h1>

<section class="cards">
  <div class="card metric"><span class="value">12</span><span class="label">open tickets</span></div>
  <div class="card metric"><span class="value">3</span><span class="label">customers waiting in chat</span></div>
  <div class="card metric"><span class="value">4 min</span><span class="label">median first reply</span></div>
</section>

<chathub:token var="chat"/>
<aside class="explainer" id="what-you-are-looking-at">
  <h2>What you are looking at</h2>
  <dl>
    <dt>Signed in as</dt>
    <dd id="info-user"><c:out value="${pageContext.request.remoteUser}"/></dd>
    <c:choose>
      <c:when test="${not empty chat}">
        <dt>ChatHub operator</dt>
        <dd id="info-operator">#<c:out value="${chat.operatorId}"/></dd>
        <dt>Organization</dt>
        <dd id="info-organization">#<c:out value="${chat.organizationId}"/></dd>
        <dt>Operator token expires</dt>
        <dd id="info-expires"><c:out value="${chat.expiresAt}"/></dd>
      </c:when>
      <c:otherwise>
        <dt>ChatHub operator</dt>
        <dd id="info-operator">none — this user is not mapped to a ChatHub operator, so the footer shows the
          widget tag's fallback instead of a panel</dd>
      </c:otherwise>
    </c:choose>
  </dl>
  <c:choose>
    <c:when test="${not empty chat}">
      <p>The panel in the corner is written by <code>&lt;chathub:widget&gt;</code> in the shared footer include.
        The server found your operator in <code>WEB-INF/chathub-operators.properties</code> and took the
        operator's token from its cache; the token is only in the panel's script tag, never in this box.</p>
    </c:when>
    <c:otherwise>
      <p>Sign in as <code>john</code>, <code>maria</code> or <code>alex</code> (password <code>demo</code>) to see
        the panel that <code>&lt;chathub:widget&gt;</code> in the shared footer include writes for operators.</p>
    </c:otherwise>
  </c:choose>
  <p>Out of the box the panels are the offline ChatHub sandbox's; the <a href="${ctx}/settings">settings
    table</a> says how to point the same WAR at the real ChatHub.</p>
  <p>More to look at: a <a href="${ctx}/tickets">JSTL list page</a>, a page with panels for
    <a href="${ctx}/organizations.jsp">two organizations</a>, a page under a
    <a href="${ctx}/strict-csp.jsp">strict Content-Security-Policy</a>, and a
    <a href="${ctx}/plain">page printed by a plain servlet</a>, which gets the panel only in zero-touch mode:
    start the demo with <code>-Dchathub.inject=true</code>.</p>
</aside>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
