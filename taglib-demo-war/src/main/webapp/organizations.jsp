<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="chathub" uri="https://chathub.smsbat.com/taglib" %>
<c:set var="pageTitle" value="Two organizations"/>
<c:set var="activeNav" value="organizations"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Two organizations</h1>
<p>A person can be a ChatHub operator in several organizations: <code>maria</code> is Maria Garcia in Customer
  Support and Olena Kovalenko in Sales. Each tag below names its organization, so each panel gets its own
  script id (<code>operator-chat-panel-script-24</code>, <code>-31</code>) and both fit on one page. The footer's
  tag adds no third panel: there is at most one per organization per page.</p>

<section class="columns">
  <div class="card" id="organization-24">
    <h2>Customer Support <span class="muted">(organization 24)</span></h2>
    <chathub:widget organization="24">
      <p class="chat-fallback">You are not a ChatHub operator in Customer Support.</p>
    </chathub:widget>
  </div>
  <div class="card" id="organization-31">
    <h2>Sales <span class="muted">(organization 31)</span></h2>
    <chathub:widget organization="31">
      <p class="chat-fallback">You are not a ChatHub operator in Sales.</p>
    </chathub:widget>
  </div>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
