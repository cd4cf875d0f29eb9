/*
 * ChatHub operator panels in the browser: loading state, load failures, token renewal and sign-out.
 *
 * Served by the library's filter at <context>/chathub/token-renewal.<hash>.js, the hash taken over this file's
 * bytes and the settings in the fragment, with Cache-Control: public, max-age=31536000, immutable: a browser
 * fetches it once per release and application and never asks again. Plain ES module: no dependency, no build
 * step, no eval, no inline script, nothing global, so it runs under a strict CSP.
 *
 * TRUST. The page around the panels may hold markup nobody vetted (a customer note echoed unescaped). Under the
 * README's strict CSP (script-src 'nonce-…' 'strict-dynamic') such markup cannot run script, but whatever a
 * trusted script creates runs, so this module must not let the page steer it. It takes from the DOM nothing that
 * decides what runs or where a token goes:
 * - the widget URL (w) and the token endpoint (e: the application's own context path and chathub.endpoint.path)
 *   come from this module's own address, import.meta.url, whose fragment the server writes: #w=…&e=…. Only the
 *   script tag that loaded this module gives it that address, and that tag ran because it carries the
 *   response's CSP nonce; a planted module tag has no nonce and does not run. The endpoint must be a path on
 *   this module's origin. The values are the same on every page of the application (Chromium hands a later page
 *   of the same tab the script it holds in memory, fragment included, so a per-page value there would be stale);
 * - a script element is a panel only if its id is operator-chat-panel-script[-ORG], its src exactly w, and it
 *   has LOADED: a parser-inserted script without the response's nonce never loads under that CSP, so a planted
 *   look-alike is never renewed, never asked a token for and never copied. A panel's fallback is the
 *   <template data-chathub-fallback-for> right after it, which the server writes in one piece with the panel
 *   where echoed markup cannot come between; a template anywhere else is ignored. A script element that fails to
 *   load may be planted, so its fallback is shown without the scripts in it;
 * - what the module reads from a panel (id, nonce, expires-at, the documented data-chathub-* attributes) it reads
 *   once, at start. The endpoint is asked at e, with ?org=ORG when the panel id ends in -ORG, as the server
 *   writes it; data-chathub-token-url only says that the panel renews. A renewed panel is built from those
 *   stored values, never by copying the element, so a token only ever goes onto a script whose src is w.
 * Without a strict CSP any injected markup may run script, and nothing a module does can contain that.
 *
 * Contract with the server-side tag. The page carries, once, BEFORE the first panel (module scripts run in
 * document order, and a panel script's load or error event fires at its turn, so this module must run first
 * to see them; it runs after the document is parsed, so the panels are there):
 *
 *   <script type="module" src="/ctx/chathub/token-renewal.HASH.js#w=WIDGET_URL&e=%2Fctx%2Fapi%2Fchathub%2Ftoken"
 *           nonce="N"></script>
 *
 * and per panel, side by side:
 *
 *   <span data-chathub-loading-for="operator-chat-panel-script[-ORG]">Loading chat…</span>   optional
 *   <script type="module" id="operator-chat-panel-script[-ORG]" src="WIDGET_URL" token="JWT" nonce="N"
 *           data-chathub-expires-at="2026-11-28T14:33:34Z"        ISO-8601 instant the token expires
 *           data-chathub-token-url="/ctx/api/chathub/token?org=24" present when the panel renews
 *           data-chathub-renew-before="PT5M"                       optional ISO-8601 duration, default PT5M
 *           data-chathub-check="PT1M"></script>                    optional ISO-8601 duration, default PT1M
 *   <template data-chathub-fallback-for="operator-chat-panel-script[-ORG]">…</template>      optional
 *
 * Every panel: the loading element goes when the widget script has loaded. A widget script that cannot load
 * (unreachable, 404, refused by CORS, blocked by the page's CSP) gives way to the fallback, with chathub:failed
 * (reason "widget") and chathub:stopped.
 *
 * Panels with data-chathub-token-url are renewed and watched for sign-out. A tab sends at most one request to
 * the token endpoint at a time, whatever the number of panels, and a browser sends one periodic check, whatever
 * the number of tabs:
 * - a panel is renewed renew-before ahead of expires-at (at most half the remaining lifetime ahead) and
 *   swapped the way the ChatHub docs prescribe: the script element is removed and a new one with the same
 *   id, src, nonce and data attributes, the new token and expires-at takes its place;
 * - one tab of the application leads (it holds the Web Lock LOCK_NAME until it closes or has no renewing panel
 *   left) and checks every data-chathub-check (its panels in turn). Every tab tells the others over a
 *   BroadcastChannel what it learnt: a token of an organization (they take it, as if they had asked), a 403
 *   (that organization's panels end) or a sign-out (they check at once). The others send no periodic check
 *   while a leader lives; when it goes, the next tab in the lock's queue leads, its first check due one
 *   interval after the last answer it heard. A tab still renews a panel whose token no tab has renewed (a
 *   tab that does not lead waits a quarter of renew-before longer, so that the leader's token comes first),
 *   and checks at once when it comes into view or gets focus. Where the Web Locks API is missing (pages served
 *   over plain http from another host than localhost are not a secure context) every tab checks, but a tab
 *   that hears an answer puts its own next check off by one interval and a random quarter of one: the tab
 *   that asked last asks next, and the others keep still while it lives;
 * - a panel renews at once when the widget reports "token expired" (a window error event);
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
 *   fallback and stops, and the other tabs of the same application are told to check at once.
 *
 * Events, dispatched on document with detail {id, reason?} (the panel script's id), for applications and tests:
 *   chathub:renewed  a panel was put in place with a fresh token
 *   chathub:failed   a renewal attempt failed and will be retried (reason "renewal"), or the widget script
 *                    could not be loaded (reason "widget")
 *   chathub:stopped  a panel is no longer managed: the user is signed out, the widget could not load, or the
 *                    page removed the panel itself
 *
 * Expiry times are compared with this machine's clock, so a client clock that is wrong by more than
 * renew-before makes the renewal early or late. Tabs share what the endpoint answers because they share the
 * user's session cookie; an application that keeps sessions in URLs (;jsessionid) rather than cookies can have
 * two users in two tabs of one browser, and must not use this module.
 */

const PANEL_ID = /^operator-chat-panel-script(?:-(\d+))?$/;
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

// What the server wrote into this module's address (see TRUST above).
const MODULE_URL = new URL(import.meta.url);
const SETTINGS = new URLSearchParams(MODULE_URL.hash.slice(1));
const WIDGET_URL = SETTINGS.get('w');
const ENDPOINT = sameOriginPath(SETTINGS.get('e'));
// The application's context root: this module lives at <context>/chathub/.
const APPLICATION = new URL('..', MODULE_URL).pathname;
const CHANNEL_NAME = `chathub:${APPLICATION}`;
const LOCK_NAME = `chathub-check:${APPLICATION}`;
// Only in secure contexts (https, localhost).
const LOCKS = navigator.locks;
// The documented attributes a renewed panel keeps, as the server wrote them.
const KEPT_ATTRIBUTES = ['data-chathub-token-url', 'data-chathub-renew-before', 'data-chathub-check'];

const SIGNED_OUT = Object.freeze({ signedOut: true });
const REFUSED = Object.freeze({ refused: true });
const FAILED = Object.freeze({ failed: true });

class Panel {
  constructor(tab, script) {
    this.tab = tab;
    this.id = script.id;
    this.organization = PANEL_ID.exec(this.id)[1] ?? '';
    this.script = script;
    this.token = script.getAttribute('token');
    // Browsers blank the nonce attribute once a script is in the document; the property keeps it.
    this.nonce = script.nonce;
    this.kept = KEPT_ATTRIBUTES.filter((name) => script.hasAttribute(name))
        .map((name) => [name, script.getAttribute(name)]);
    // While the panel is down: a marker comment where it stood, then the fallback nodes.
    this.placeholder = null;
    // Only ever removed, so any element saying it is this panel's loading text may go.
    this.loading = [...document.querySelectorAll(`[data-chathub-loading-for="${CSS.escape(this.id)}"]`)];
    const next = script.nextElementSibling;
    this.fallback = next?.localName === 'template' && next.getAttribute('data-chathub-fallback-for') === this.id
      ? next : null;
    // Whether the widget script has loaded: then, and only then, the server wrote this element (see TRUST).
    this.loaded = false;
    this.stopped = false;
    this.failures = 0;
    this.watchLoading(script);
    if (ENDPOINT === null || !script.hasAttribute('data-chathub-token-url')) {
      return;
    }
    const url = new URL(ENDPOINT);
    if (this.organization !== '') {
      url.searchParams.set('org', this.organization);
    }
    this.tokenUrl = url.href;
    this.renewBefore = duration(script, 'data-chathub-renew-before', DEFAULT_RENEW_BEFORE);
    this.checkEvery = duration(script, 'data-chathub-check', DEFAULT_CHECK);
    this.expiresAt = parseInstant(script.dataset.chathubExpiresAt);
    if (Number.isNaN(this.expiresAt)) {
      console.warn(`ChatHub: #${this.id} has no valid data-chathub-expires-at; treating its token as expired`);
      this.expiresAt = Date.now();
    }
    this.scheduleRenewal(Date.now());
  }

  get renewing() {
    return this.loaded && !this.stopped && this.tokenUrl !== undefined;
  }

  watchLoading(script) {
    script.addEventListener('load', () => this.widgetLoaded(), { once: true });
    script.addEventListener('error', () => this.widgetFailed(script), { once: true });
  }

  widgetLoaded() {
    this.removeLoading();
    if (!this.loaded) {
      this.loaded = true;
      this.tab.adopt(this);
    }
  }

  removeLoading() {
    this.loading.forEach((element) => element.remove());
    this.loading = [];
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
    // How much longer a tab that does not lead waits, for the leader's renewal to reach it first.
    this.grace = lead / 4;
  }

  accept(answer) {
    this.failures = 0;
    if (this.placeholder || answer.token !== this.token) {
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
    this.grace = 0;
    announce('failed', this.id, 'renewal');
  }

  renewNow() {
    this.dueAt = Date.now();
    this.grace = 0;
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

  // Made from what the module holds, never copied from the element in the page, which a script may have changed.
  putUp(answer) {
    const fresh = document.createElement('script');
    fresh.type = 'module';
    fresh.id = this.id;
    fresh.setAttribute('src', WIDGET_URL);
    fresh.setAttribute('token', answer.token);
    fresh.nonce = this.nonce;
    this.kept.forEach(([name, value]) => fresh.setAttribute(name, value));
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
    this.token = answer.token;
  }

  takeDown() {
    this.removeLoading();
    const fallback = this.fallback ? document.importNode(this.fallback.content, true) : document.createDocumentFragment();
    if (!this.loaded) {
      fallback.querySelectorAll('script').forEach((script) => script.remove());
    }
    this.placeholder = [document.createComment(` ${this.id} `), ...fallback.childNodes];
    this.script.replaceWith(...this.placeholder);
  }
}

/** The tab's panels, its one line to the token endpoint and its part in the browser's one periodic check. */
class Tab {
  constructor(scripts) {
    this.inFlight = false;
    // The page came with fresh tokens, as good as an answer: a check asked for as it opens (it gets focus) waits a
    // little, until its panels' widgets have loaded and been taken on, and then goes to the first panel.
    this.lastAnswer = Date.now();
    // Taken from the first panel that renews, once it has loaded: a planted element must not set the pace.
    this.checkEvery = undefined;
    // The periodic check, made only while this tab leads; the page's own tokens are as good as an answer.
    this.nextCheck = Infinity;
    // A check asked for by an event (coming into view, another tab's sign-out), leading or not.
    this.wanted = Infinity;
    this.leading = LOCKS === undefined;
    this.seeking = null;
    this.resign = null;
    this.turn = 0;
    this.timer = 0;
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    this.panels = scripts.map((script) => new Panel(this, script));
  }

  // A panel's widget has loaded: it is the server's, and renews if it says so.
  adopt(panel) {
    if (!panel.renewing) {
      return;
    }
    if (this.checkEvery === undefined) {
      this.checkEvery = Math.max(panel.checkEvery, MIN_INTERVAL);
      this.nextCheck = Math.min(this.nextCheck, Date.now() + this.checkEvery);
    }
    this.seekLead();
    this.wake();
  }

  renewing() {
    return this.panels.filter((panel) => panel.renewing);
  }

  // Queues for the lock, and leads once it has it, until the tab closes, leaves the page (a page kept in the
  // back-forward cache would hold the lock) or has nothing left to renew.
  seekLead() {
    if (this.leading || this.seeking) {
      return;
    }
    this.seeking = new AbortController();
    LOCKS.request(LOCK_NAME, { signal: this.seeking.signal }, () => new Promise((resign) => {
      this.resign = resign;
      this.leading = true;
      this.wake();
    })).catch((error) => {
      if (error?.name !== 'AbortError') {
        // No lock to be had (an opaque origin): this tab checks for itself.
        this.leading = true;
        this.wake();
      }
    });
  }

  stepDown() {
    this.seeking?.abort();
    this.seeking = null;
    this.leading = LOCKS === undefined;
    this.resign?.();
    this.resign = null;
  }

  // A tab that does not lead leaves a renewal to the leader for a while: the leader's answer may reach it first.
  dueAt(panel) {
    return this.leading ? panel.dueAt : panel.dueAt + panel.grace;
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
      this.stepDown();
      return;
    }
    const now = Date.now();
    const check = Math.min(this.wanted, this.leading ? this.nextCheck : Infinity);
    const due = panels.filter((panel) => now >= this.dueAt(panel)).sort((a, b) => this.dueAt(a) - this.dueAt(b))[0];
    if (due) {
      this.send(due, true);
    } else if (now >= check) {
      this.send(panels[this.turn++ % panels.length], false);
    } else {
      const next = Math.min(check, ...panels.map((panel) => this.dueAt(panel)));
      this.timer = setTimeout(() => this.wake(), Math.min(next - now, MAX_TIMER_STEP));
    }
  }

  async send(panel, renewal) {
    this.inFlight = true;
    const answer = await requestToken(panel.tokenUrl);
    this.inFlight = false;
    this.lastAnswer = Date.now();
    this.nextCheck = this.lastAnswer + this.checkEvery;
    this.wanted = Infinity;
    if (answer.signedOut) {
      this.tell({ kind: 'signed-out' });
      this.signedOut();
    } else if (answer.refused) {
      this.tell({ kind: 'refused', organization: panel.organization });
    } else if (!answer.failed) {
      this.tell({ kind: 'token', organization: panel.organization, token: answer.token, expiresAt: answer.expiresAtText });
    }
    if (answer.signedOut || panel.stopped) {
      // Taken down meanwhile (signed out, or its widget failed to load): nothing else of this answer applies.
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

  tell(message) {
    this.channel?.postMessage(message);
  }

  // What another tab of the application learnt from the endpoint.
  hear(message) {
    if (message?.kind === 'signed-out') {
      this.checkSoon();
      return;
    }
    const panels = this.renewing().filter((panel) => panel.organization === message?.organization && panel.inPage());
    if (message?.kind === 'refused') {
      panels.forEach((panel) => panel.end());
    } else if (message?.kind === 'token') {
      const answer = tokenAnswer(message);
      if (answer.token === undefined) {
        return;
      }
      // The user is signed in: no check is needed for an interval. Without locks every tab checks, and the random
      // part makes the tab that asked last ask next while the others keep still.
      const interval = this.checkEvery ?? DEFAULT_CHECK;
      this.nextCheck = Math.max(this.nextCheck, Date.now() + interval * (LOCKS === undefined ? 1 + Math.random() / 4 : 1));
      panels.forEach((panel) => panel.accept(answer));
    }
    this.wake();
  }

  signedOut() {
    this.panels.filter((panel) => !panel.stopped).forEach((panel) => panel.end());
    this.channel?.close();
    this.channel = null;
  }

  // Coming into view, focus, another tab's sign-out: ask now, unless an answer has only just come in.
  checkSoon() {
    this.wanted = Math.min(this.wanted, Math.max(Date.now(), this.lastAnswer + MIN_INTERVAL));
    this.wake();
  }

  renewNow(panels) {
    panels.forEach((panel) => panel.renewNow());
    this.wake();
  }

  listen() {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.checkSoon();
      }
    });
    window.addEventListener('focus', () => this.checkSoon());
    window.addEventListener('pagehide', () => this.stepDown());
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) {
        if (this.renewing().length > 0) {
          this.seekLead();
        }
        this.checkSoon();
      }
    });
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
      this.channel.onmessage = (event) => this.hear(event.data);
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
    return FAILED;
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
    return e instanceof SyntaxError ? SIGNED_OUT : FAILED;
  }
  return tokenAnswer(body);
}

// The endpoint's {"token", "expiresAt"}, checked, whether this tab asked or another tab passes it on.
function tokenAnswer(body) {
  const expiresAt = typeof body?.expiresAt === 'string' ? parseInstant(body.expiresAt) : NaN;
  if (typeof body?.token !== 'string' || !JWT_SHAPE.test(body.token) || Number.isNaN(expiresAt)) {
    return SIGNED_OUT;
  }
  if (expiresAt <= Date.now()) {
    return FAILED;
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

// A path on this module's own origin, nothing else: the server writes the application's context path and
// chathub.endpoint.path there.
function sameOriginPath(path) {
  if (path === null || !path.startsWith('/') || path.startsWith('//')) {
    return null;
  }
  const url = new URL(path, MODULE_URL);
  return url.origin === MODULE_URL.origin && url.search === '' && url.hash === '' ? url : null;
}

// Script elements that may be panels; only those that load are (see TRUST).
function candidatePanels() {
  if (!WIDGET_URL) {
    console.warn('ChatHub: token-renewal.js was loaded without the settings the server writes into its address; '
        + 'it manages no panel');
    return [];
  }
  return [...document.querySelectorAll('script[id^="operator-chat-panel-script"]')]
      .filter((script) => PANEL_ID.test(script.id) && script.getAttribute('src') === WIDGET_URL);
}

// A CSP report is fired at the blocked element, or at the document with only the blocked URL (or just its origin,
// when the browser must not reveal more). A planted look-alike with the widget's src is blocked too: when the
// report names its element, it must not take the real panel down.
function blocks(event, script) {
  if (!event.effectiveDirective.startsWith('script-src') || !script.src) {
    return false;
  }
  if (event.target instanceof Element) {
    return event.target === script;
  }
  return event.blockedURI === script.src || event.blockedURI === new URL(script.src).origin;
}

function announce(type, id, reason) {
  const detail = reason === undefined ? { id } : { id, reason };
  document.dispatchEvent(new CustomEvent(`chathub:${type}`, { detail }));
}

const tab = new Tab(candidatePanels());
tab.listen();
