// Records the renewal module's events, in order, for the test to read: which panel, when, and whether that
// panel's script was in the page once the module had handled what the event reports.
window.chathubEvents = [];
for (const type of ['renewed', 'failed', 'stopped']) {
  document.addEventListener(`chathub:${type}`, (event) => window.chathubEvents.push({
    type,
    id: event.detail.id,
    reason: event.detail.reason,
    at: Date.now(),
    panelInPage: document.getElementById(event.detail.id) !== null,
  }));
}
