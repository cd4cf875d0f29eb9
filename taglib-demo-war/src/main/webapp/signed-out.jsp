<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Signed out"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1 id="signed-out">You are signed out</h1>
<p>Your session has ended, and with it the chat panel. <a href="${ctx}/dashboard.jsp">Sign in again</a>.</p>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
