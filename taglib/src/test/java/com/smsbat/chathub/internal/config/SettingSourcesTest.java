package com.smsbat.chathub.internal.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Precedence of the places a setting can come from. Environment variables cannot be set inside a running
 * JVM, so the lookups are handed in; the container tests cover init-params, context-params and -D for real.
 */
class SettingSourcesTest {

    private static final Map<String, String> CONTEXT = Map.of("chathub.wait", "PT1S", "chathub.fallback", "context");
    private static final Map<String, String> FILTER = Map.of("chathub.wait", "PT2S");

    private static Function<Setting, String> sources(Map<String, String> system, Map<String, String> environment) {
        ServletContext context = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[]{ServletContext.class}, (proxy, method, args) ->
                        method.getName().equals("getInitParameter") ? CONTEXT.get((String) args[0]) : null);
        FilterConfig filter = (FilterConfig) Proxy.newProxyInstance(FilterConfig.class.getClassLoader(),
                new Class<?>[]{FilterConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameter" -> FILTER.get((String) args[0]);
                    case "getServletContext" -> context;
                    default -> null;
                });
        return SettingSources.of(filter, system::get, environment::get);
    }

    @Test
    void filterInitParamBeatsContextParam() {
        assertEquals("PT2S", sources(Map.of(), Map.of()).apply(Setting.WAIT));
    }

    @Test
    void contextParamIsUsedWhenNothingElseSetsIt() {
        assertEquals("context", sources(Map.of(), Map.of()).apply(Setting.FALLBACK));
    }

    @Test
    void environmentVariableBeatsWhatTheWarPackages() {
        assertEquals("PT3S", sources(Map.of(), Map.of("CHATHUB_WAIT", "PT3S")).apply(Setting.WAIT));
    }

    @Test
    void systemPropertyBeatsEverything() {
        assertEquals("PT4S", sources(Map.of("chathub.wait", "PT4S"), Map.of("CHATHUB_WAIT", "PT3S")).apply(Setting.WAIT));
    }

    @Test
    void unsetSettingIsNull() {
        assertNull(sources(Map.of(), Map.of()).apply(Setting.LOGIN));
    }
}
