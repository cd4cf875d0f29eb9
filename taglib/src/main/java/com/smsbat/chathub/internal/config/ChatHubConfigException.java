package com.smsbat.chathub.internal.config;

/**
 * A setting has a value the library cannot work with. The message names the setting and the value
 * (except for secrets, whose values are never repeated) and says what would be accepted.
 */
public class ChatHubConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Setting setting;

    public ChatHubConfigException(Setting setting, String value, String reason) {
        super(setting.key() + "=" + shown(setting, value) + " is invalid: " + reason);
        this.setting = setting;
    }

    /** The setting at fault. */
    public Setting setting() {
        return setting;
    }

    private static String shown(Setting setting, String value) {
        if ((setting == Setting.PASSWORD || setting == Setting.COMPANY_TOKEN) && !value.isEmpty()) {
            return "<redacted>";
        }
        return "\"" + value + "\"";
    }
}
