package com.smsbat.chathub.internal.config;

import java.util.List;

/**
 * Who the user is and whether they may have a panel ({@code chathub.user}, {@code chathub.user.session-attribute},
 * {@code chathub.role}, {@code chathub.role.expression}). The expressions are EL, parsed by their consumer with the
 * container's EL implementation; empty: not set. {@code roles()} empty: every logged-in user.
 */
public final class IdentitySettings {

    private final String user;
    private final String userSessionAttribute;
    private final List<String> roles;
    private final String roleExpression;

    private IdentitySettings(SettingValues v) {
        user = v.text(Setting.USER);
        userSessionAttribute = v.text(Setting.USER_SESSION_ATTRIBUTE);
        if (!user.isEmpty() && !userSessionAttribute.isEmpty()) {
            // Refused rather than ranked: whichever won, the other would be silently ignored.
            throw new ChatHubConfigException(Setting.USER, user, "set either chathub.user or its shorthand "
                    + "chathub.user.session-attribute, not both");
        }
        roles = v.list(Setting.ROLE);
        roleExpression = v.text(Setting.ROLE_EXPRESSION);
    }

    static IdentitySettings parse(SettingValues values) {
        return new IdentitySettings(values);
    }

    public String user() {
        return user;
    }

    public String userSessionAttribute() {
        return userSessionAttribute;
    }

    public List<String> roles() {
        return roles;
    }

    public String roleExpression() {
        return roleExpression;
    }

    /** Whether the application vouches for some users only: by container roles, or by its own sign-in's expression. */
    boolean vouches() {
        return !roles.isEmpty() || !roleExpression.isEmpty();
    }
}
