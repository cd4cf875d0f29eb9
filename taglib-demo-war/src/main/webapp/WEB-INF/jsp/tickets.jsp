<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<c:set var="pageTitle" value="Tickets"/>
<c:set var="activeNav" value="tickets"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Tickets</h1>
<p class="muted">${fn:length(tickets)} most recent tickets, rendered with JSTL <code>&lt;c:forEach&gt;</code>.</p>
<table class="data" id="tickets">
  <thead>
    <tr><th>#</th><th>Customer</th><th>Subject</th><th>Status</th><th>Updated</th></tr>
  </thead>
  <tbody>
    <c:forEach var="ticket" items="${tickets}">
      <tr>
        <td><c:out value="${ticket.id}"/></td>
        <td><c:out value="${ticket.customer}"/></td>
        <td><c:out value="${ticket.subject}"/></td>
        <td><span class="status status-${ticket.status}"><c:out value="${ticket.status}"/></span></td>
        <td><c:out value="${ticket.updated}"/></td>
      </tr>
    </c:forEach>
  </tbody>
</table>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
