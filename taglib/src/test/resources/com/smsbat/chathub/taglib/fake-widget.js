// Stands in for the ChatHub widget: one visible box per panel script, showing its token and kept in step as
// scripts are removed and added. Like the real widget module it is evaluated once, however many scripts load it.
const PANELS = 'script[id^="operator-chat-panel-script"]';

function render() {
  const scripts = [...document.querySelectorAll(PANELS)];
  for (const box of document.querySelectorAll('.fake-panel')) {
    if (!scripts.some((script) => script.id === box.dataset.for)) {
      box.remove();
    }
  }
  for (const script of scripts) {
    let box = [...document.querySelectorAll('.fake-panel')].find((candidate) => candidate.dataset.for === script.id);
    if (!box) {
      box = document.createElement('div');
      box.className = 'fake-panel';
      box.dataset.for = script.id;
      document.body.append(box);
    }
    // Only real changes touch the DOM, or the observer would wake itself forever.
    if (box.textContent !== script.getAttribute('token')) {
      box.textContent = script.getAttribute('token');
    }
  }
}

new MutationObserver(render).observe(document.documentElement,
    { childList: true, subtree: true, attributes: true, attributeFilter: ['token'] });
render();
