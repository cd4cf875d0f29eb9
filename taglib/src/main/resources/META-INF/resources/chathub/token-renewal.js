/*
 * ChatHub operator panel token renewal.
 *
 * Served from the taglib jar (META-INF/resources) at <context>/chathub/token-renewal.js. Plain ES module:
 * no dependency, no build step, no eval, no inline script, nothing global, so it runs under a strict CSP.
 *
 * Contract with the server-side tag. The page carries, per panel:
 *
 *   <script type="module" id="operator-chat-panel-script[-ORG]" src="WIDGET_URL" token="JWT" nonce="N"
 *           data-chathub-expires-at="2026-11-28T14:33:34Z"        ISO-8601 instant the token expires
 *           data-chathub-token-url="/ctx/api/chathub/token?org=24" same-origin endpoint answering
 *                                                                  {"token":"…","expiresAt":"…"}
 *           data-chathub-renew-before="PT5M"></script>             optional ISO-8601 duration, default PT5M
 *   <template data-chathub-fallback-for="operator-chat-panel-script[-ORG]">…</template>   optional
 *
 * and, once, anywhere on the page (module scripts run after the document is parsed, so the panels are there):
 *
 *   <script type="module" src="/ctx/chathub/token-renewal.js" nonce="N"></script>
 *
 * On load it manages every panel script that has data-chathub-token-url, each independently:
 * - renews renew-before ahead of expires-at (at most half the remaining lifetime ahead), at most one
 *   request in flight, and swaps the panel the way the ChatHub docs prescribe: the script element is removed
 *   and a new one with the same attributes and nonce, the new token and expires-at takes its place;
 * - 401, 403 or a redirect (a login page) from the endpoint: the user is signed out, so the panel is removed,
 *   the fallback template's content shown in its place, and renewal stops;
 * - network errors, timeouts, other statuses, or an answer without a JWT-shaped token and a future expiresAt:
 *   retried with exponential backoff and jitter (Retry-After seconds honoured), the panel kept while its token
 *   is valid; once it has expired the panel gives way to the fallback until a retry succeeds;
 * - a tab coming back into view checks at once (timers run in steps of at most a minute against the wall
 *   clock, so a suspended machine catches up within a minute of waking too); going online retries at once;
 * - an answer carrying the panel's current token leaves the panel alone. The endpoint should hand out tokens
 *   that live longer than renew-before: one closer to expiry is asked for again at ever shorter (but at least
 *   one second) intervals.
 *
 * Events, dispatched on document with detail {id} (the panel script's id), for applications and tests:
 *   chathub:renewed  a panel was put in place with a fresh token
 *   chathub:failed   a renewal attempt failed and will be retried
 *   chathub:stopped  renewal of a panel ended: the user is signed out, or the page removed the panel itself
 *
 * Expiry times are compared with this machine's clock, so a client clock that is wrong by more than
 * renew-before makes the renewal early or late.
 */

const PANEL_SELECTOR = 'script[id^="operator-chat-panel-script"][data-chathub-token-url]';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ISO_DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DEFAULT_RENEW_BEFORE = 5 * MINUTE;
// Background tabs throttle timers and a suspended machine does not advance them: short steps that re-read
// the wall clock notice an overdue renewal soon after waking.
const MAX_TIMER_STEP = MINUTE;
const FIRST_RETRY = 2 * SECOND;
const MAX_RETRY = 5 * MINUTE;
// However the endpoint answers (a token about to expire, Retry-After: 0), never ask again sooner than this.
const MIN_INTERVAL = SECOND;
const REQUEST_TIMEOUT = 30 * SECOND;

class Panel {
  constructor(script) {
    this.id = script.id;
    this.script = script;
    // While the panel is down: a marker comment where it stood, then the fallback nodes.
    this.placeholder = null;
    this.tokenUrl = script.dataset.chathubTokenUrl;
    this.renewBefore = renewBefore(script);
    this.expiresAt = parseInstant(script.dataset.chathubExpiresAt);
    this.failures = 0;
    this.inFlight = false;
    this.stopped = false;
    this.timer = 0;
    if (Number.isNaN(this.expiresAt)) {
      console.warn(`ChatHub: #${this.id} has no valid data-chathub-expires-at; treating its token as expired`);
      this.expiresAt = Date.now();
    }
    this.scheduleRenewal(Date.now());
  }

  scheduleRenewal(earliest) {
    const remaining = Math.max(this.expiresAt - Date.now(), 0);
    const lead = Math.min(this.renewBefore, remaining / 2);
    this.dueAt = Math.max(this.expiresAt - lead, earliest);
    this.arm();
  }

  arm() {
    clearTimeout(this.timer);
    const wait = Math.min(Math.max(this.dueAt - Date.now(), 0), MAX_TIMER_STEP);
    this.timer = setTimeout(() => this.check(), wait);
  }

  check() {
    if (this.stopped || this.inFlight) {
      return;
    }
    if (!this.inPage()) {
      this.stop();
    } else if (Date.now() >= this.dueAt) {
      this.renew();
    } else {
      this.arm();
    }
  }

  retryNow() {
    if (this.failures > 0) {
      this.dueAt = Date.now();
      this.check();
    }
  }

  async renew() {
    this.inFlight = true;
    clearTimeout(this.timer);
    const answer = await requestToken(this.tokenUrl);
    this.inFlight = false;
    if (!this.inPage()) {
      this.stop();
    } else if (answer.signedOut) {
      if (!this.placeholder) {
        this.takeDown();
      }
      this.stop();
    } else if (answer.failed) {
      this.retryLater(answer.retryAfter);
    } else {
      this.failures = 0;
      if (this.placeholder || answer.token !== this.script.getAttribute('token')) {
        this.putUp(answer);
        announce('renewed', this.id);
      }
      this.expiresAt = answer.expiresAt;
      this.scheduleRenewal(Date.now() + MIN_INTERVAL);
    }
  }

  retryLater(retryAfter) {
    this.failures++;
    const now = Date.now();
    const backoff = Math.min(FIRST_RETRY * 2 ** (this.failures - 1), MAX_RETRY);
    const delay = Math.min(Math.max(retryAfter ?? backoff * (0.5 + Math.random() / 2), MIN_INTERVAL), MAX_RETRY);
    if (!this.placeholder && now >= this.expiresAt) {
      this.takeDown();
    }
    // The last attempt while the panel still works is made at its expiry, not after.
    this.dueAt = this.placeholder ? now + delay : Math.min(now + delay, this.expiresAt);
    announce('failed', this.id);
    this.arm();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    announce('stopped', this.id);
  }

  // A page that removed the panel (or the fallback) itself has taken it over: it is no longer ours to renew.
  inPage() {
    return (this.placeholder ? this.placeholder[0] : this.script).isConnected;
  }

  putUp(answer) {
    const fresh = document.createElement('script');
    for (const { name, value } of this.script.attributes) {
      if (name !== 'nonce') {
        fresh.setAttribute(name, value);
      }
    }
    // Browsers blank the nonce attribute once a script is in the document; the property keeps it.
    fresh.nonce = this.script.nonce;
    fresh.setAttribute('token', answer.token);
    fresh.setAttribute('data-chathub-expires-at', answer.expiresAtText);
    if (this.placeholder) {
      this.placeholder[0].before(fresh);
      this.placeholder.forEach((node) => node.remove());
      this.placeholder = null;
    } else {
      const parent = this.script.parentNode;
      const next = this.script.nextSibling;
      this.script.remove();
      parent.insertBefore(fresh, next);
    }
    this.script = fresh;
  }

  takeDown() {
    this.placeholder = [document.createComment(` ${this.id} `), ...fallbackNodes(this.id)];
    this.script.replaceWith(...this.placeholder);
  }
}

async function requestToken(url) {
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      // The endpoint itself never redirects: a redirect is a login page in front of it.
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT),
    });
    if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
      return { signedOut: true };
    }
    if (!response.ok) {
      return { failed: true, retryAfter: retryAfterMillis(response) };
    }
    const body = await response.json();
    const expiresAt = typeof body.expiresAt === 'string' ? parseInstant(body.expiresAt) : NaN;
    if (typeof body.token === 'string' && JWT_SHAPE.test(body.token) && expiresAt > Date.now()) {
      return { token: body.token, expiresAt, expiresAtText: body.expiresAt };
    }
  } catch {
    // Network error, timeout or a body that is not JSON: all retried like an unusable answer.
  }
  return { failed: true };
}

// Only the delay-seconds form; an HTTP-date Retry-After falls back to the backoff.
function retryAfterMillis(response) {
  const header = response.headers.get('Retry-After');
  return header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) * SECOND : undefined;
}

function renewBefore(script) {
  const text = script.dataset.chathubRenewBefore;
  const match = text === undefined ? null : ISO_DURATION.exec(text);
  if (!match) {
    if (text !== undefined) {
      console.warn(`ChatHub: #${script.id} has data-chathub-renew-before="${text}", not an ISO-8601 duration; using PT5M`);
    }
    return DEFAULT_RENEW_BEFORE;
  }
  const [, days = 0, hours = 0, minutes = 0, seconds = 0] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * MINUTE + Number(seconds) * SECOND;
}

// Java writes up to nine fraction digits; ECMAScript only promises to parse three.
function parseInstant(text) {
  return text === undefined ? NaN : Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

function fallbackNodes(id) {
  const template = document.querySelector(`template[data-chathub-fallback-for="${CSS.escape(id)}"]`);
  return template ? [...document.importNode(template.content, true).childNodes] : [];
}

function announce(type, id) {
  document.dispatchEvent(new CustomEvent(`chathub:${type}`, { detail: { id } }));
}

const panels = [...document.querySelectorAll(PANEL_SELECTOR)].map((script) => new Panel(script));

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    panels.forEach((panel) => panel.check());
  }
});
window.addEventListener('online', () => panels.forEach((panel) => panel.retryNow()));
