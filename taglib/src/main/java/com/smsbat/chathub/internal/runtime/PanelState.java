package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.cache.OperatorKey;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.resolution.PanelVerdict;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.internal.resolution.Resolvers;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.time.Duration;
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
    public record Panel(OperatorAssignment assignment, OperatorToken token) {
    }

    private final ChatHubRuntime runtime;
    private final HttpServletRequest request;
    private final Set<Long> organizationsWithPanel = new HashSet<>();
    private boolean userKnown;
    private String user;
    private List<OperatorAssignment> assignments;
    private boolean renewalScriptWritten;
    private Optional<Panel> defaultPanel;

    private PanelState(ChatHubRuntime runtime, HttpServletRequest request) {
        this.runtime = runtime;
        this.request = request;
    }

    public static PanelState of(HttpServletRequest request, ChatHubRuntime runtime) {
        Object existing = request.getAttribute(ATTRIBUTE);
        if (existing instanceof PanelState chatHubRequest) {
            return chatHubRequest;
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

    private String findUser() {
        String attribute = runtime.config().userSessionAttribute();
        if (attribute.isEmpty()) {
            return blankToNull(request.getRemoteUser());
        }
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(attribute);
        if (value instanceof Principal principal) {
            return blankToNull(principal.getName());
        }
        return value == null ? null : blankToNull(value.toString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The user's operators; empty for anonymous users and users in none of {@code chathub.role}, whose requests
     * never reach the resolver (nor ChatHub).
     */
    public List<OperatorAssignment> assignments() {
        if (assignments == null) {
            String name = user();
            if (name == null) {
                assignments = List.of();
                decide(Outcome.NOT_LOGGED_IN, "");
            } else if (!inRole()) {
                assignments = List.of();
                decide(Outcome.NOT_IN_ROLE, "in none of chathub.role=" + String.join(",", runtime.config().roles()));
            } else {
                Resolvers.Resolution resolution = resolve(name);
                assignments = resolution.assignments();
                if (assignments.isEmpty()) {
                    decide(resolution.outcome(), resolution.detail());
                }
            }
        }
        return assignments;
    }

    private boolean inRole() {
        List<String> roles = runtime.config().roles();
        return roles.isEmpty() || roles.stream().anyMatch(request::isUserInRole);
    }

    /** A resolver that fails (an application's own, say) costs the user the panel, never the page. */
    private Resolvers.Resolution resolve(String name) {
        OperatorResolver resolver = runtime.resolver();
        try {
            if (resolver instanceof Resolvers.Explaining explaining) {
                return explaining.explain(name, request);
            }
            List<OperatorAssignment> resolved = resolver.resolve(name, request);
            return Resolvers.Resolution.of(resolved == null ? List.of() : List.copyOf(resolved));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ChatHub operator resolver " + resolver.getClass().getName()
                    + " failed; showing the fallback instead of a panel", e);
            return new Resolvers.Resolution(List.of(), Outcome.RESOLVER_FAILED, e.getClass().getName());
        }
    }

    /** Tells the administrator (request attribute, log, JMX) what this request decided about the panel. */
    private void decide(Outcome outcome, String detail) {
        decide(new PanelVerdict(user(), runtime.config().operatorResolver(), outcome, detail));
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
        String selector = organization == null || organization.isBlank() ? runtime.config().organization() : organization;
        if (selector.isBlank()) {
            return Optional.of(all.get(0));
        }
        OptionalLong id = runtime.directory().organizationId(selector, runtime.config().waitBudget());
        if (id.isEmpty()) {
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
        boolean asked = organization != null && !organization.isBlank();
        if (!asked && defaultPanel != null) {
            return defaultPanel;
        }
        Optional<OperatorAssignment> assignment = assignment(organization);
        if (assignment.isEmpty() && !assignments().isEmpty()) {
            decide(Outcome.NOT_AN_OPERATOR, "no operator in organization "
                    + (asked ? organization : runtime.config().organization()));
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
                .get(new OperatorKey(assignment.organizationId(), assignment.operatorId()), minimumRemaining)
                .map(token -> new Panel(assignment, token));
        decide(new PanelVerdict(user(), runtime.config().operatorResolver(),
                panel.isPresent() ? Outcome.PANEL : Outcome.CHATHUB_UNAVAILABLE, assignment,
                panel.isPresent() ? "" : NO_TOKEN));
        return panel;
    }

    /** Whether {@code organizationId} has no panel on this page yet; from now on it has. */
    public boolean claimPanel(long organizationId) {
        return organizationsWithPanel.add(organizationId);
    }

    /** Whether the browser renewal module still has to be written into this page; from now on it has been. */
    public boolean claimRenewalScript() {
        if (renewalScriptWritten) {
            return false;
        }
        renewalScriptWritten = true;
        return true;
    }
}
