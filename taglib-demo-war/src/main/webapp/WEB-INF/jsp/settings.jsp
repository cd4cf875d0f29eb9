<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Settings"/>
<c:set var="activeNav" value="settings"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Settings</h1>
<p class="muted">The project's settings reference (<code>docs/settings.md</code>), as built into this WAR. This demo sets
  <code>chathub.api.url=sandbox</code> and <code>chathub.operator.mapping</code> in its <code>web.xml</code>.</p>
<div class="readme" id="settings">${settingsHtml}</div>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
