/*
 * ChatHub sandbox stand-in for https://widget.smsbat.com/operator-chat-panel/widget-script.js.
 *
 * For every <script id="operator-chat-panel-script…" token="…"> on the page it shows a panel with the operator,
 * organization and token expiry read from the token, or an error for a missing, malformed or expired token.
 * Nothing is sent anywhere: this is not the real chat.
 *
 * A module URL is evaluated only once per page, however many script elements load it and even after a script
 * element is removed and appended again. So this module does not look for "its" script element: it keeps one
 * panel per matching script element, and a MutationObserver follows scripts added, replaced or removed later.
 *
 * CSP-friendly: styles are set through element.style, text through textContent; no <style>, no innerHTML.
 */

const SCRIPT_SELECTOR = 'script[id^="operator-chat-panel-script"]';
const MARGIN_PX = 16;
const GAP_PX = 8;
/** Longest delay setTimeout honours; longer waits are re-armed when they end. */
const MAX_TIMER_MS = 2147483647;

/** script id -> { script, panel, timer }, in the order the panels are stacked. */
const panels = new Map();

function decode(token) {
  if (!token) {
    return { error: 'No operator token: the script element has no token attribute.' };
  }
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) {
    return { error: 'Malformed operator token: it is not a JWT.' };
  }
  let claims;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return { error: 'Malformed operator token: its claims are unreadable.' };
  }
  const expiresAt = claims !== null && typeof claims === 'object' && typeof claims.exp === 'number'
    ? new Date(claims.exp * 1000) : null;
  if (expiresAt === null || !Number.isFinite(expiresAt.getTime())) {
    return { error: 'Malformed operator token: it has no expiry (exp claim).' };
  }
  if (expiresAt.getTime() <= Date.now()) {
    return { error: 'Operator token expired at ' + expiresAt.toISOString() + '.' };
  }
  return { claims, expiresAt };
}

function line(text, field) {
  const element = document.createElement('div');
  element.setAttribute('data-chathub-field', field);
  element.textContent = text;
  return element;
}

function describe(name, id) {
  const label = name === undefined || name === null || name === '' ? '(no name)' : String(name);
  return id === undefined || id === null ? label : label + ' (#' + id + ')';
}

function createPanel(id) {
  const panel = document.createElement('div');
  panel.setAttribute('data-chathub-panel', id);
  panel.setAttribute('role', 'complementary');
  panel.setAttribute('aria-label', 'ChatHub sandbox operator panel');
  Object.assign(panel.style, {
    position: 'fixed',
    right: MARGIN_PX + 'px',
    bottom: MARGIN_PX + 'px',
    zIndex: '2147483000',
    width: '300px',
    boxSizing: 'border-box',
    padding: '10px 14px',
    borderRadius: '8px',
    border: '2px dashed #c77d00',
    background: '#fffdf5',
    color: '#1f2933',
    font: '13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif',
    boxShadow: '0 4px 16px rgba(0, 0, 0, 0.18)',
  });
  return panel;
}

function fill(panel, result) {
  const state = result.error ? 'error' : 'ready';
  panel.replaceChildren();
  panel.className = 'chathub-sandbox-panel chathub-sandbox-panel--' + state;
  panel.setAttribute('data-state', state);
  panel.style.borderColor = result.error ? '#c53030' : '#c77d00';

  const label = line('ChatHub sandbox', 'label');
  Object.assign(label.style, { fontWeight: '700', color: '#8a5700', letterSpacing: '0.02em' });
  panel.appendChild(label);

  for (const name of ['data-operator-id', 'data-organization-id', 'data-expires-at']) {
    panel.removeAttribute(name);
  }
  if (result.error) {
    const error = line(result.error, 'error');
    error.style.color = '#c53030';
    panel.appendChild(error);
    return;
  }
  const { claims, expiresAt } = result;
  // operator_id and exp are the claims of ChatHub's documented example token; the names are the sandbox's own.
  const operatorId = claims.operator_id ?? claims.sub;
  panel.setAttribute('data-operator-id', String(operatorId ?? ''));
  panel.setAttribute('data-organization-id', String(claims.organization_id ?? ''));
  panel.setAttribute('data-expires-at', expiresAt.toISOString());
  panel.appendChild(line('Operator: ' + describe(claims.operator_name, operatorId), 'operator'));
  panel.appendChild(line('Organization: ' + describe(claims.organization_name, claims.organization_id), 'organization'));
  panel.appendChild(line('Token expires: ' + expiresAt.toISOString(), 'expires'));
}

function render(id, script) {
  const entry = panels.get(id) ?? { panel: createPanel(id) };
  clearTimeout(entry.timer);
  entry.script = script;
  const result = decode(script.getAttribute('token'));
  fill(entry.panel, result);
  if (!result.error) {
    // Turn into the expired state on time, as the real widget stops working then.
    const wait = Math.min(result.expiresAt.getTime() - Date.now(), MAX_TIMER_MS);
    entry.timer = setTimeout(() => {
      render(id, entry.script);
      restack();
    }, Math.max(wait, 0));
  }
  if (!entry.panel.isConnected) {
    (document.body ?? document.documentElement).appendChild(entry.panel);
  }
  panels.set(id, entry);
}

function restack() {
  let bottom = MARGIN_PX;
  for (const { panel } of panels.values()) {
    panel.style.bottom = bottom + 'px';
    bottom += panel.offsetHeight + GAP_PX;
  }
}

function sync() {
  const scripts = new Map();
  for (const script of document.querySelectorAll(SCRIPT_SELECTOR)) {
    scripts.set(script.id, script); // the latest element with an id is the one that counts
  }
  let changed = false;
  for (const [id, entry] of panels) {
    if (!scripts.has(id)) {
      clearTimeout(entry.timer);
      entry.panel.remove();
      panels.delete(id);
      changed = true;
    }
  }
  for (const [id, script] of scripts) {
    const entry = panels.get(id);
    if (!entry || entry.script !== script || !entry.panel.isConnected) {
      render(id, script);
      changed = true;
    }
  }
  if (changed) {
    restack();
  }
}

new MutationObserver(sync).observe(document.documentElement, { childList: true, subtree: true });
sync();
