<%@ include file="/WEB-INF/jspf/login-form.jspf" %>
