package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.client.OperatorToken;
import com.smsbat.chathub.internal.cache.OperatorKey;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.identity.Identity;
import com.smsbat.chathub.internal.resolution.LogText;
import com.smsbat.chathub.internal.resolution.PanelVerdict;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.internal.resolution.Explaining;
import com.smsbat.chathub.internal.resolution.Resolution;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    /**
     * The audit trail administrators read to answer "who had which operator's panel": one INFO line the first time
     * a session is handed a given operator's token. docs/security.md names it; turning it off is setting its level.
     */
    private static final Logger AUDIT = Logger.getLogger("com.smsbat.chathub.audit");
    /** Session attribute prefix, per operator; holds the user the line was written for. */
    private static final String AUDITED = PanelState.class.getName() + ".audited:";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
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
    private boolean renewalScriptWritten;
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
            if (name == null) {
                assignments = Collections.emptyList();
                decide(userFailure == null ? Outcome.NOT_LOGGED_IN : Outcome.RESOLVER_FAILED,
                        userFailure == null ? "" : userFailure);
            } else if (!inRole()) {
                assignments = Collections.emptyList();
                decide(Outcome.NOT_IN_ROLE, "in none of chathub.role=" + String.join(",", runtime.config().identity().roles()));
            } else if (!runtime.identity().permits(request)) {
                assignments = Collections.emptyList();
                decide(Outcome.NOT_IN_ROLE, "chathub.role.expression=" + runtime.identity().roleExpression()
                        + " is not true");
            } else {
                Resolution resolution = resolve(name);
                assignments = resolution.assignments();
                if (assignments.isEmpty()) {
                    decide(resolution.outcome(), resolution.detail());
                }
            }
        }
        return assignments;
    }

    private boolean inRole() {
        List<String> roles = runtime.config().identity().roles();
        return roles.isEmpty() || roles.stream().anyMatch(request::isUserInRole);
    }

    /** A resolver that fails (an application's own, say) costs the user the panel, never the page. */
    private Resolution resolve(String name) {
        OperatorResolver resolver = runtime.resolver();
        try {
            if (resolver instanceof Explaining) {
                return ((Explaining) resolver).explain(name, request);
            }
            List<OperatorAssignment> resolved = resolver.resolve(name, request);
            return Resolution.of(resolved == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(resolved)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ChatHub operator resolver " + resolver.getClass().getName()
                    + " failed; showing the fallback instead of a panel", e);
            return new Resolution(Collections.emptyList(), Outcome.RESOLVER_FAILED, e.getClass().getName());
        }
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
        String selector = organization == null || organization.trim().isEmpty() ? runtime.config().resolution().organization() : organization;
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
                .get(new OperatorKey(assignment.organizationId(), assignment.operatorId()), minimumRemaining)
                .map(token -> new Panel(assignment, token));
        if (panel.isPresent()) {
            audit(assignment);
        }
        decide(new PanelVerdict(user(), runtime.config().resolution().resolver(),
                panel.isPresent() ? Outcome.PANEL : Outcome.CHATHUB_UNAVAILABLE, assignment,
                panel.isPresent() ? "" : NO_TOKEN));
        return panel;
    }

    /**
     * Writes the audit line unless this session was already handed this operator's token for this user. Without a
     * session there is nothing to remember it in: every such request gets its line (the session hash is {@code -}).
     */
    private void audit(OperatorAssignment assignment) {
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        HttpSession session = request.getSession(false);
        String sessionHash = "-";
        if (session != null) {
            String attribute = AUDITED + assignment.organizationId() + ":" + assignment.operatorId();
            try {
                // Every request of a session gets the same session object: two first requests write one line.
                synchronized (session) {
                    if (user().equals(session.getAttribute(attribute))) {
                        return;
                    }
                    session.setAttribute(attribute, user());
                }
                sessionHash = hash(session.getId());
            } catch (IllegalStateException invalidatedMeanwhile) {
                // Audited as a request without a session: the line is written, the page is not broken.
            }
        }
        AUDIT.info("ChatHub operator token handed out: user \"" + LogText.escape(user()) + "\", organization "
                + assignment.organizationId() + ", operator " + assignment.operatorId() + ", resolver "
                + runtime.config().resolution().resolver() + ", client " + LogText.escape(request.getRemoteAddr())
                + ", session " + sessionHash);
    }

    /** The first 64 bits of the session id's SHA-256: ties an audit line to its session without revealing the id. */
    private static String hash(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
