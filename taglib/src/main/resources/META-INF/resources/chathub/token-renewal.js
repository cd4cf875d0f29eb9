/*
 * ChatHub operator panels in the browser: loading state, load failures, token renewal and sign-out.
 *
 * Served from the taglib jar (META-INF/resources) at <context>/chathub/token-renewal.js. Plain ES module:
 * no dependency, no build step, no eval, no inline script, nothing global, so it runs under a strict CSP.
 *
 * Contract with the server-side tag. The page carries, once, BEFORE the first panel (module scripts run in
 * document order, and a panel script's load or error event fires at its turn, so this module must run first
 * to see them; it runs after the document is parsed, so the panels are there):
 *
 *   <script type="module" src="/ctx/chathub/token-renewal.js" nonce="N"></script>
 *
 * and per panel:
 *
 *   <span data-chathub-loading-for="operator-chat-panel-script[-ORG]">Loading chat…</span>  optional
 *   <script type="module" id="operator-chat-panel-script[-ORG]" src="WIDGET_URL" token="JWT" nonce="N"
 *           data-chathub-expires-at="2026-11-28T14:33:34Z"        ISO-8601 instant the token expires
 *           data-chathub-token-url="/ctx/api/chathub/token?org=24" same-origin endpoint answering
 *                                                                  {"token":"…","expiresAt":"…"}
 *           data-chathub-renew-before="PT5M"                       optional ISO-8601 duration, default PT5M
 *           data-chathub-check="PT1M"></script>                    optional ISO-8601 duration, default PT1M
 *   <template data-chathub-fallback-for="operator-chat-panel-script[-ORG]">…</template>   optional
 *
 * Every panel: the loading element goes when the widget script has loaded. A widget script that cannot load
 * (unreachable, 404, refused by CORS, blocked by the page's CSP) gives way to the fallback, with chathub:failed
 * (reason "widget") and chathub:stopped.
 *
 * Panels with data-chathub-token-url are renewed and watched for sign-out. The tab sends at most one request
 * to the token endpoint at a time, whatever the number of panels:
 * - a panel is renewed renew-before ahead of expires-at (at most half the remaining lifetime ahead) and
 *   swapped the way the ChatHub docs prescribe: the script element is removed and a new one with the same
 *   attributes and nonce, the new token and expires-at takes its place;
 * - besides, the tab checks every data-chathub-check (panels in turn; any request counts as a check), at once
 *   when it comes into view or gets focus, when another tab of the application reports a sign-out, and a
 *   panel renews at once when the widget reports "token expired" (a window error event);
 * - the endpoint answers from the server's token cache: a check costs no ChatHub call.
 * What an answer means:
 * - 200 with {"token": JWT-shaped, "expiresAt": ISO-8601}: the panel's token (a new one replaces the panel);
 * - network error, timeout, 5xx, 408, 429, or such an answer whose expiresAt is already past by this machine's
 *   clock (a wrong clock, not a login page): a failure. A renewal is retried with exponential backoff and
 *   jitter (Retry-After seconds honoured), the panel kept while its token is valid, the fallback shown once it
 *   has expired until a retry succeeds; a failed check is only repeated at the next check;
 * - 403: the user has no operator in that panel's organization any more: that panel gives way to the fallback;
 * - anything else: the user is signed out. 401, a redirect (followed or not), and, since the endpoint never
 *   sends it, any 200 that is not the JSON above: a login page served in the endpoint's place (Tomcat's FORM
 *   login answers 200 with the login form) or a portal in front of it. Every panel of the tab gives way to its
 *   fallback and stops, and the other tabs of the same application are told (BroadcastChannel) to check at once.
 *
 * Events, dispatched on document with detail {id, reason?} (the panel script's id), for applications and tests:
 *   chathub:renewed  a panel was put in place with a fresh token
 *   chathub:failed   a renewal attempt failed and will be retried (reason "renewal"), or the widget script
 *                    could not be loaded (reason "widget")
 *   chathub:stopped  a panel is no longer managed: the user is signed out, the widget could not load, or the
 *                    page removed the panel itself
 *
 * Expiry times are compared with this machine's clock, so a client clock that is wrong by more than
 * renew-before makes the renewal early or late.
 */

const PANEL_SELECTOR = 'script[id^="operator-chat-panel-script"]';
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ISO_DURATION = /^P(?!$)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DEFAULT_RENEW_BEFORE = 5 * MINUTE;
const DEFAULT_CHECK = MINUTE;
// Background tabs throttle timers and a suspended machine does not advance them: short steps that re-read
// the wall clock notice an overdue renewal soon after waking.
const MAX_TIMER_STEP = MINUTE;
const FIRST_RETRY = 2 * SECOND;
const MAX_RETRY = 5 * MINUTE;
// However the endpoint answers (a token about to expire, Retry-After: 0) and however many events ask for a
// check (coming into view fires visibilitychange and focus), never ask again sooner than this.
const MIN_INTERVAL = SECOND;
const REQUEST_TIMEOUT = 30 * SECOND;
// The application's context root: this module lives at <context>/chathub/token-renewal.js.
const CHANNEL_NAME = `chathub-sign-out:${new URL('..', import.meta.url).pathname}`;

const SIGNED_OUT = Object.freeze({ signedOut: true });
const REFUSED = Object.freeze({ refused: true });

class Panel {
  constructor(tab, script) {
    this.tab = tab;
    this.id = script.id;
    this.script = script;
    // While the panel is down: a marker comment where it stood, then the fallback nodes.
    this.placeholder = null;
    this.loading = document.querySelector(`[data-chathub-loading-for="${CSS.escape(this.id)}"]`);
    this.tokenUrl = script.dataset.chathubTokenUrl;
    this.stopped = false;
    this.failures = 0;
    this.watchLoading(script);
    if (this.tokenUrl === undefined) {
      return;
    }
    this.renewBefore = duration(script, 'data-chathub-renew-before', DEFAULT_RENEW_BEFORE);
    this.expiresAt = parseInstant(script.dataset.chathubExpiresAt);
    if (Number.isNaN(this.expiresAt)) {
      console.warn(`ChatHub: #${this.id} has no valid data-chathub-expires-at; treating its token as expired`);
      this.expiresAt = Date.now();
    }
    this.scheduleRenewal(Date.now());
  }

  get renewing() {
    return !this.stopped && this.tokenUrl !== undefined;
  }

  watchLoading(script) {
    script.addEventListener('load', () => this.removeLoading(), { once: true });
    script.addEventListener('error', () => this.widgetFailed(script), { once: true });
  }

  removeLoading() {
    this.loading?.remove();
    this.loading = null;
  }

  // Load errors and CSP violations both report a blocked script: whichever comes first counts.
  widgetFailed(script) {
    this.removeLoading();
    if (this.stopped || script !== this.script) {
      return;
    }
    this.takeDown();
    announce('failed', this.id, 'widget');
    this.stop();
  }

  scheduleRenewal(earliest) {
    const remaining = Math.max(this.expiresAt - Date.now(), 0);
    const lead = Math.min(this.renewBefore, remaining / 2);
    this.dueAt = Math.max(this.expiresAt - lead, earliest);
  }

  accept(answer) {
    this.failures = 0;
    if (this.placeholder || answer.token !== this.script.getAttribute('token')) {
      this.putUp(answer);
      announce('renewed', this.id);
    }
    this.expiresAt = answer.expiresAt;
    this.scheduleRenewal(Date.now() + MIN_INTERVAL);
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
    announce('failed', this.id, 'renewal');
  }

  end() {
    if (!this.placeholder) {
      this.takeDown();
    }
    this.stop();
  }

  stop() {
    if (!this.stopped) {
      this.stopped = true;
      announce('stopped', this.id);
    }
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
    this.watchLoading(fresh);
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
    this.removeLoading();
    this.placeholder = [document.createComment(` ${this.id} `), ...fallbackNodes(this.id)];
    this.script.replaceWith(...this.placeholder);
  }
}

/** The tab's panels and its one line to the token endpoint. */
class Tab {
  constructor(scripts) {
    this.panels = scripts.map((script) => new Panel(this, script));
    const first = scripts.find((script) => script.dataset.chathubTokenUrl !== undefined);
    this.checkEvery = first ? Math.max(duration(first, 'data-chathub-check', DEFAULT_CHECK), MIN_INTERVAL) : DEFAULT_CHECK;
    this.inFlight = false;
    this.lastAnswer = 0;
    this.nextCheck = Date.now() + this.checkEvery;
    this.turn = 0;
    this.timer = 0;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  }

  renewing() {
    return this.panels.filter((panel) => panel.renewing);
  }

  // Sends the next request that is due, or sleeps until one is.
  wake() {
    clearTimeout(this.timer);
    if (this.inFlight) {
      return;
    }
    this.renewing().filter((panel) => !panel.inPage()).forEach((panel) => panel.stop());
    const panels = this.renewing();
    if (panels.length === 0) {
      return;
    }
    const now = Date.now();
    const due = panels.filter((panel) => now >= panel.dueAt).sort((a, b) => a.dueAt - b.dueAt)[0];
    if (due) {
      this.send(due, true);
    } else if (now >= this.nextCheck) {
      this.send(panels[this.turn++ % panels.length], false);
    } else {
      const next = Math.min(this.nextCheck, ...panels.map((panel) => panel.dueAt));
      this.timer = setTimeout(() => this.wake(), Math.min(next - now, MAX_TIMER_STEP));
    }
  }

  async send(panel, renewal) {
    this.inFlight = true;
    const answer = await requestToken(panel.tokenUrl);
    this.inFlight = false;
    this.lastAnswer = Date.now();
    this.nextCheck = this.lastAnswer + this.checkEvery;
    if (answer.signedOut) {
      this.channel?.postMessage('signed-out');
      this.signedOut();
    } else if (panel.stopped) {
      // Taken down meanwhile (its widget failed to load): nothing else of this answer applies.
    } else if (!panel.inPage()) {
      panel.stop();
    } else if (answer.refused) {
      panel.end();
    } else if (answer.failed) {
      if (renewal) {
        panel.retryLater(answer.retryAfter);
      }
    } else {
      panel.accept(answer);
    }
    this.wake();
  }

  signedOut() {
    this.panels.filter((panel) => !panel.stopped).forEach((panel) => panel.end());
    this.channel?.close();
    this.channel = null;
  }

  // Coming into view, focus, another tab's news: ask now, unless an answer has only just come in.
  checkSoon() {
    this.nextCheck = Math.min(this.nextCheck, Math.max(Date.now(), this.lastAnswer + MIN_INTERVAL));
    this.wake();
  }

  renewNow(panels) {
    panels.forEach((panel) => {
      panel.dueAt = Date.now();
    });
    this.wake();
  }

  listen() {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.checkSoon();
      }
    });
    window.addEventListener('focus', () => this.checkSoon());
    window.addEventListener('pageshow', (event) => event.persisted && this.checkSoon());
    window.addEventListener('online', () => this.renewNow(this.renewing().filter((panel) => panel.failures > 0)));
    // The ChatHub docs' signal for a token the widget no longer accepts.
    window.addEventListener('error', (event) => {
      if (typeof event.message === 'string' && event.message.includes('token expired')) {
        this.renewNow(this.renewing());
      }
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      this.panels.filter((panel) => blocks(event, panel.script)).forEach((panel) => panel.widgetFailed(panel.script));
    });
    if (this.channel) {
      this.channel.onmessage = () => this.checkSoon();
    }
  }
}

async function requestToken(url) {
  let response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      // The endpoint itself never redirects: a redirect is a login page in front of it.
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT),
    });
  } catch {
    return { failed: true };
  }
  const status = response.status;
  if (response.type === 'opaqueredirect' || response.redirected) {
    return SIGNED_OUT;
  }
  if (status === 403) {
    return REFUSED;
  }
  if (status >= 500 || status === 408 || status === 429) {
    return { failed: true, retryAfter: retryAfterMillis(response) };
  }
  if (status !== 200) {
    return SIGNED_OUT;
  }
  let body;
  try {
    body = await response.json();
  } catch (e) {
    // Not JSON at all is a login page; a body cut off by the network or the timeout is a failure.
    return e instanceof SyntaxError ? SIGNED_OUT : { failed: true };
  }
  const expiresAt = typeof body?.expiresAt === 'string' ? parseInstant(body.expiresAt) : NaN;
  if (typeof body?.token !== 'string' || !JWT_SHAPE.test(body.token) || Number.isNaN(expiresAt)) {
    return SIGNED_OUT;
  }
  if (expiresAt <= Date.now()) {
    return { failed: true };
  }
  return { token: body.token, expiresAt, expiresAtText: body.expiresAt };
}

// Only the delay-seconds form; an HTTP-date Retry-After falls back to the backoff.
function retryAfterMillis(response) {
  const header = response.headers.get('Retry-After');
  return header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) * SECOND : undefined;
}

function duration(script, attribute, fallback) {
  const text = script.getAttribute(attribute) ?? undefined;
  const match = text === undefined ? null : ISO_DURATION.exec(text);
  if (!match) {
    if (text !== undefined) {
      console.warn(`ChatHub: #${script.id} has ${attribute}="${text}", not an ISO-8601 duration; using ${fallback / SECOND} s`);
    }
    return fallback;
  }
  const [, days = 0, hours = 0, minutes = 0, seconds = 0] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * MINUTE + Number(seconds) * SECOND;
}

// Java writes up to nine fraction digits; ECMAScript only promises to parse three.
function parseInstant(text) {
  return text === undefined ? NaN : Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

// A CSP report names the blocked URL, or only its origin when the browser must not reveal more.
function blocks(event, script) {
  if (!event.effectiveDirective.startsWith('script-src') || !script.src) {
    return false;
  }
  return event.blockedURI === script.src || event.blockedURI === new URL(script.src).origin;
}

function fallbackNodes(id) {
  const template = document.querySelector(`template[data-chathub-fallback-for="${CSS.escape(id)}"]`);
  return template ? [...document.importNode(template.content, true).childNodes] : [];
}

function announce(type, id, reason) {
  const detail = reason === undefined ? { id } : { id, reason };
  document.dispatchEvent(new CustomEvent(`chathub:${type}`, { detail }));
}

const tab = new Tab([...document.querySelectorAll(PANEL_SELECTOR)]);
tab.listen();
tab.wake();
