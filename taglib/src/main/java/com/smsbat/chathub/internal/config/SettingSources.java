package com.smsbat.chathub.internal.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads each {@link Setting} from, first match wins: system properties, environment variables, JNDI
 * {@code java:comp/env}, filter init-params, context-params. What the server's operator sets outside the
 * WAR beats what the WAR packages.
 */
public final class SettingSources {

    private SettingSources() {
    }

    public static Function<Setting, String> of(FilterConfig filterConfig) {
        return of(filterConfig, System::getProperty, System::getenv);
    }

    /** The settings as seen before any filter exists (by the initializer): everything but init-params. */
    public static Function<Setting, String> of(ServletContext context) {
        return of(context, name -> null, System::getProperty, System::getenv);
    }

    static Function<Setting, String> of(FilterConfig filterConfig,
                                        UnaryOperator<String> systemProperties,
                                        UnaryOperator<String> environment) {
        return of(filterConfig.getServletContext(), filterConfig::getInitParameter, systemProperties, environment);
    }

    private static Function<Setting, String> of(ServletContext context,
                                                UnaryOperator<String> initParameters,
                                                UnaryOperator<String> systemProperties,
                                                UnaryOperator<String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        InitialContext jndi = jndi();
        for (Setting setting : Setting.values()) {
            String value = firstNonNull(
                    systemProperties.apply(setting.key()),
                    environment.apply(setting.environmentVariable()),
                    lookup(jndi, setting),
                    initParameters.apply(setting.key()),
                    context.getInitParameter(setting.key()));
            if (value != null) {
                values.put(setting, value);
            }
        }
        return values::get;
    }

    private static InitialContext jndi() {
        try {
            return new InitialContext();
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }

    private static String lookup(InitialContext jndi, Setting setting) {
        if (jndi == null) {
            return null;
        }
        try {
            Object value = jndi.lookup("java:comp/env/" + setting.jndiName());
            return value == null ? null : value.toString();
        } catch (NamingException | RuntimeException e) {
            // Containers without JNDI, or no such entry: both mean "not set here".
            return null;
        }
    }

    private static String firstNonNull(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
