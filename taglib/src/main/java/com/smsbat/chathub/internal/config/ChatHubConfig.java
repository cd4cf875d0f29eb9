package com.smsbat.chathub.internal.config;

import java.util.List;
import java.util.function.Function;

/**
 * The library's settings, parsed and validated once when the filter starts, in groups each handed whole to what it
 * configures: {@link #client()} the ChatHub client, {@link #cache()} the token cache, {@link #identity()} who the user
 * is, {@link #resolution()} the operator resolvers and the directory, {@link #injection()} zero-touch mode,
 * {@link #page()} the markup, endpoint and renewal. See {@link Setting} for every name, default and meaning.
 *
 * <p>Every setting error is raised here, by {@link #parse}, whether it is in the value itself or in what it names
 * in the web application (the mapping file, a resolver class); only the EL expressions are checked by their consumer,
 * with the container's EL implementation.
 */
public final class ChatHubConfig {

    /**
     * The public filter's class name, {@code com.smsbat.chathub.taglib.ChatHubFilter}: the logger administrators
     * configure for the integration's lines (docs/shared-server.md names it), whichever internal class writes them,
     * and the class an application declares in {@code web.xml}. Written out because internal code does not depend on
     * the taglib package; a test checks that it names the filter.
     */
    public static final String FILTER_CLASS_NAME = "com.smsbat.chathub.taglib.ChatHubFilter";

    private final boolean enabled;
    private final boolean jmx;
    private final List<String> debugUsers;
    private final ClientSettings client;
    private final CacheSettings cache;
    private final IdentitySettings identity;
    private final ResolutionSettings resolution;
    private final InjectionSettings injection;
    private final PageSettings page;

    private ChatHubConfig(SettingValues v, ResolutionSettings.Resources resources) {
        enabled = v.bool(Setting.ENABLED);
        client = ClientSettings.parse(v);
        cache = CacheSettings.parse(v);
        page = PageSettings.parse(v, cache);
        identity = IdentitySettings.parse(v);
        // The application's files are only read when panels will be on: not when off, nor without credentials.
        resolution = ResolutionSettings.parse(v, identity, enabled && client.canSignIn() ? resources : null);
        injection = InjectionSettings.parse(v);
        jmx = v.bool(Setting.JMX);
        debugUsers = v.list(Setting.DEBUG);
        // Read before the parse by failsOnInvalid; checked here all the same, so a misspelt value is reported.
        v.bool(Setting.FAIL_ON_INVALID);
    }

    /**
     * Parses every setting through {@code lookup} (which returns {@code null} for "not set"), and what they name in
     * the web application through {@code resources}.
     *
     * @throws ChatHubConfigException naming the first invalid setting and its value
     */
    public static ChatHubConfig parse(Function<Setting, String> lookup, ResolutionSettings.Resources resources) {
        return new ChatHubConfig(new SettingValues(lookup), resources);
    }

    /** {@code chathub.enabled}, read without a full parse: anything but {@code false} is on. */
    public static boolean enabled(Function<Setting, String> lookup) {
        return !new SettingValues(lookup).isFalse(Setting.ENABLED);
    }

    /**
     * {@code chathub.fail-on-invalid-config}, read without a full parse, since it says what to do when the parse
     * fails: anything but {@code false} fails the deployment.
     */
    public static boolean failsOnInvalid(Function<Setting, String> lookup) {
        return !new SettingValues(lookup).isFalse(Setting.FAIL_ON_INVALID);
    }

    public boolean enabled() {
        return enabled;
    }

    public ClientSettings client() {
        return client;
    }

    public CacheSettings cache() {
        return cache;
    }

    public IdentitySettings identity() {
        return identity;
    }

    public ResolutionSettings resolution() {
        return resolution;
    }

    public InjectionSettings injection() {
        return injection;
    }

    public PageSettings page() {
        return page;
    }

    public boolean jmx() {
        return jmx;
    }

    /** Whether {@code chathub.debug} asks for {@code user}'s panel decisions in the log. */
    public boolean debugs(String user) {
        return debugUsers.contains("*") || debugUsers.contains(user);
    }

    /** Secrets are never printed. */
    @Override
    public String toString() {
        return "ChatHubConfig[enabled=" + enabled + ", " + client + ", resolver=" + resolution.resolver()
                + ", roles=" + identity.roles() + ", provision=" + resolution.provision()
                + ", organization=" + resolution.organization()
                + ", lifetime=" + cache.lifetime() + ", refreshAhead=" + cache.refreshAhead()
                + ", wait=" + cache.waitBudget() + ", endpoint=" + page.endpointPath() + ", inject=" + injection.inject() + "]";
    }
}
