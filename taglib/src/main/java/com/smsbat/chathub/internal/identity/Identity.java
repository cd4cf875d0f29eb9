package com.smsbat.chathub.internal.identity;

import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.IdentitySettings;
import com.smsbat.chathub.internal.config.Setting;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.security.Principal;
import java.util.List;

/**
 * Who a request's user is ({@code chathub.user}, its shorthand {@code chathub.user.session-attribute}, or
 * {@code request.getRemoteUser()}) and whether {@code chathub.role.expression} lets them have a panel.
 *
 * <p>The EL classes are only touched when an expression is set: an application on a container without an EL
 * implementation (a bare Jetty without JSP) runs as before unless it asks for one.
 */
public final class Identity {

    private final String sessionAttribute;
    private final UserExpression user;
    private final List<String> roles;
    private final UserExpression role;

    private Identity(String sessionAttribute, UserExpression user, List<String> roles, UserExpression role) {
        this.sessionAttribute = sessionAttribute;
        this.user = user;
        this.roles = roles;
        this.role = role;
    }

    /**
     * Parses {@code settings}' expressions, once, with the container's EL implementation.
     *
     * @throws ChatHubConfigException naming the setting and its value when an expression cannot be used
     */
    public static Identity of(IdentitySettings settings) {
        UserExpression user = settings.user().isEmpty() ? null : parse(Setting.USER, settings.user(), Object.class);
        UserExpression role = settings.roleExpression().isEmpty() ? null
                : parse(Setting.ROLE_EXPRESSION, settings.roleExpression(), Boolean.class);
        return new Identity(settings.userSessionAttribute(), user, settings.roles(), role);
    }

    private static UserExpression parse(Setting setting, String text, Class<?> type) {
        try {
            return UserExpression.parse(setting, text, type);
        } catch (LinkageError e) {
            throw new ChatHubConfigException(setting, text, "needs the Expression Language (EL 3.0 or newer) that "
                    + "JSP containers have, and this one has none: " + e);
        }
    }

    /**
     * The user's name, or {@code null} for anonymous requests.
     *
     * @throws Failure when {@code chathub.user} cannot be evaluated for this request: that user gets no panel
     */
    public String user(HttpServletRequest request) {
        if (user != null) {
            return name(user.evaluate(request));
        }
        if (sessionAttribute.isEmpty()) {
            return blankToNull(request.getRemoteUser());
        }
        Object value = sessionAttribute(request, sessionAttribute);
        if (value instanceof Principal) {
            return blankToNull(((Principal) value).getName());
        }
        return value == null ? null : blankToNull(value.toString());
    }

    /** The session's attribute {@code name}; {@code null} without a session, which is never created for it. */
    public static Object sessionAttribute(HttpServletRequest request, String name) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getAttribute(name);
    }

    /**
     * A name from what {@code chathub.user} gave. Anything but text, a number or a principal is refused rather than
     * turned into its {@code toString()}: an application's {@code Account} object is nobody's name.
     */
    private String name(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Principal) {
            return blankToNull(((Principal) value).getName());
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return blankToNull(value.toString());
        }
        throw user.failure("gave a " + value.getClass().getName() + ", not a name: point it at the property "
                + "that holds the user's name, such as .login");
    }

    /**
     * Why the application does not vouch for this request's user, for the verdict; {@code null} when it does: the
     * user is in one of {@code chathub.role} (or it is unset) and {@code chathub.role.expression} is unset or true
     * (an expression that fails for the request counts as false).
     */
    public String refusal(HttpServletRequest request) {
        if (!roles.isEmpty() && roles.stream().noneMatch(request::isUserInRole)) {
            return "in none of chathub.role=" + String.join(",", roles);
        }
        if (role == null) {
            return null;
        }
        boolean holds;
        try {
            holds = Boolean.TRUE.equals(role.evaluate(request));
        } catch (Failure e) {
            holds = false;
        }
        return holds ? null : "chathub.role.expression=" + role.text() + " is not true";
    }

    private static String blankToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value;
    }

    /** An expression that failed for one request; already logged (once per distinct message). */
    public static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
