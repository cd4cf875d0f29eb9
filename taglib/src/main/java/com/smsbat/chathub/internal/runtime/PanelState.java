package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.PageSettings;
import com.smsbat.chathub.internal.identity.Identity;
import com.smsbat.chathub.internal.rendering.PanelMarkup;
import com.smsbat.chathub.internal.resolution.PanelVerdict;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.internal.resolution.Resolution;
import com.smsbat.chathub.internal.resolution.Resolvers;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one request knows about its user's ChatHub panels, worked out lazily (a page that shows no panel
 * costs nothing) and once: includes, forwards and several tags on one page share it. It also remembers
 * which organizations already have a panel on the page, so none is written twice.
 */
public final class PanelState {

    private static final String ATTRIBUTE = PanelState.class.getName();
    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);
    private static final String NO_TOKEN = "no token within chathub.wait: ChatHub is unreachable or failing, or the "
            + "operator is not active (see the token warnings)";

    /** One panel for one organization, ready to be written. */
    public static final class Panel {
        private final OperatorAssignment assignment;
        private final OperatorToken token;

        public Panel(OperatorAssignment assignment, OperatorToken token) {
            this.assignment = assignment;
            this.token = token;
        }

        public OperatorAssignment assignment() {
            return assignment;
        }

        public OperatorToken token() {
            return token;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Panel)) {
                return false;
            }
            Panel that = (Panel) other;
            return java.util.Objects.equals(assignment, that.assignment)
                    && java.util.Objects.equals(token, that.token);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(assignment, token);
        }

        @Override
        public String toString() {
            return "Panel[assignment=" + assignment + ", token=" + token + "]";
        }
    }

    private final ChatHubRuntime runtime;
    private final HttpServletRequest request;
    private final Set<Long> organizationsWithPanel = new HashSet<>();
    private boolean userKnown;
    private String user;
    private String userFailure;
    private List<OperatorAssignment> assignments;
    /** Whether the browser module's script tag is in the page: it goes before the first panel. */
    private boolean moduleWritten;
    private Optional<Panel> defaultPanel;

    private PanelState(ChatHubRuntime runtime, HttpServletRequest request) {
        this.runtime = runtime;
        this.request = request;
    }

    public static PanelState of(HttpServletRequest request, ChatHubRuntime runtime) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof PanelState) {
            return (PanelState) existing;
        }
        PanelState created = new PanelState(runtime, request);
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    public ChatHubRuntime runtime() {
        return runtime;
    }

    public HttpServletRequest request() {
        return request;
    }

    /** The logged-in user's name, or {@code null} for anonymous requests. */
    public String user() {
        if (!userKnown) {
            user = findUser();
            userKnown = true;
        }
        return user;
    }

    /** A {@code chathub.user} that fails for this request makes it anonymous: the fallback, never a broken page. */
    private String findUser() {
        try {
            return runtime.identity().user(request);
        } catch (Identity.Failure e) {
            userFailure = e.getMessage();
            return null;
        }
    }

    /**
     * The user's operators; empty for anonymous users and users in none of {@code chathub.role}, whose requests
     * never reach the resolver (nor ChatHub).
     */
    public List<OperatorAssignment> assignments() {
        if (assignments == null) {
            String name = user();
            String refusal;
            if (name == null) {
                assignments = Collections.emptyList();
                decide(userFailure == null ? Outcome.NOT_LOGGED_IN : Outcome.RESOLVER_FAILED,
                        userFailure == null ? "" : userFailure);
            } else if ((refusal = runtime.identity().refusal(request)) != null) {
                assignments = Collections.emptyList();
                decide(Outcome.NOT_IN_ROLE, refusal);
            } else {
                Resolution resolution = Resolvers.resolve(runtime.resolver(), name, request);
                assignments = resolution.assignments();
                if (assignments.isEmpty()) {
                    decide(resolution.outcome(), resolution.detail());
                }
            }
        }
        return assignments;
    }

    /** Tells the administrator (request attribute, log, JMX) what this request decided about the panel. */
    private void decide(Outcome outcome, String detail) {
        decide(new PanelVerdict(user(), runtime.config().resolution().resolver(), outcome, detail));
    }

    private void decide(PanelVerdict verdict) {
        request.setAttribute(PanelVerdict.REQUEST_ATTRIBUTE, verdict);
        runtime.record(verdict);
    }

    /**
     * The assignment for {@code organization} (id or name); with none given, the configured default
     * organization, or else the user's first.
     */
    public Optional<OperatorAssignment> assignment(String organization) {
        List<OperatorAssignment> all = assignments();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String selector = organization == null || organization.trim().isEmpty()
                ? runtime.config().resolution().organization() : organization;
        if (selector.trim().isEmpty()) {
            return Optional.of(all.get(0));
        }
        OptionalLong id = runtime.directory().organizationId(selector, runtime.config().cache().waitBudget());
        if (!id.isPresent()) {
            return Optional.empty();
        }
        return all.stream().filter(a -> a.organizationId() == id.getAsLong()).findFirst();
    }

    /**
     * The panel for {@code organization}, waiting at most the configured budget for its token. The default
     * organization's is worked out once per request: a page's tag and zero-touch both ask for it, and a page must
     * not wait for ChatHub twice.
     */
    public Optional<Panel> panel(String organization) {
        boolean asked = organization != null && !organization.trim().isEmpty();
        if (!asked && defaultPanel != null) {
            return defaultPanel;
        }
        Optional<OperatorAssignment> assignment = assignment(organization);
        if (!assignment.isPresent() && !assignments().isEmpty()) {
            decide(Outcome.NOT_AN_OPERATOR, "no operator in organization "
                    + (asked ? organization : runtime.config().resolution().organization()));
        }
        Optional<Panel> panel = assignment.flatMap(this::panel);
        if (!asked) {
            defaultPanel = panel;
        }
        return panel;
    }

    private Optional<Panel> panel(OperatorAssignment assignment) {
        return panel(assignment, Duration.ZERO);
    }

    /** The panel with a token that stays valid for at least {@code minimumRemaining}, if ChatHub allows. */
    public Optional<Panel> panel(OperatorAssignment assignment, Duration minimumRemaining) {
        Optional<Panel> panel = runtime.cache()
                .get(assignment, minimumRemaining)
                .map(token -> new Panel(assignment, token));
        if (panel.isPresent()) {
            AuditTrail.tokenHandedOut(request, user(), assignment, runtime.config().resolution().resolver());
        }
        decide(new PanelVerdict(user(), runtime.config().resolution().resolver(),
                panel.isPresent() ? Outcome.PANEL : Outcome.CHATHUB_UNAVAILABLE, assignment,
                panel.isPresent() ? "" : NO_TOKEN));
        return panel;
    }

    /**
     * What a widget tag gets here (zero-touch: a tag without attributes or body): the panel of {@code organization}
     * (id or name; {@code null} or blank for the default) if the user has one and the page does not show it yet,
     * else {@code fallback}. Decided, not written: the page's first panel brings the browser module along, and every
     * panel counts as shown from here on.
     *
     * @param nonce   the tag's CSP nonce, or {@code null}/blank for the request's ({@code chathub.csp.nonce-attribute})
     * @param renew   whether the tag lets the page renew the token (if the application allows it)
     * @param loading text shown where the panel will be while the widget loads, or {@code null}/blank
     */
    public PanelMarkup markup(String organization, String nonce, boolean renew, String loading, String fallback) {
        Optional<Panel> panel = panel(organization);
        if (!panel.isPresent()) {
            return PanelMarkup.fallback(fallback);
        }
        long organizationId = panel.get().assignment().organizationId();
        if (!organizationsWithPanel.add(organizationId)) {
            return PanelMarkup.nothing();
        }
        boolean withModule = !moduleWritten;
        moduleWritten = true;
        PageSettings page = runtime.config().page();
        boolean named = organization != null && !organization.trim().isEmpty();
        return PanelMarkup.panel(panel.get().token(), named ? organizationId : null, withModule,
                nonce != null && !nonce.trim().isEmpty() ? nonce : requestNonce(page.cspNonceAttribute()), loading,
                renew && page.renewal() && page.endpointEnabled(), fallback);
    }

    private String requestNonce(String attribute) {
        Object value = attribute.isEmpty() ? null : request.getAttribute(attribute);
        return value == null ? null : value.toString();
    }
}
