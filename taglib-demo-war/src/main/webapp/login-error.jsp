<% request.setAttribute("loginFailed", Boolean.TRUE); %>
<%@ include file="/WEB-INF/jspf/login-form.jspf" %>
