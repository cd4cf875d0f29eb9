package com.smsbat.chathub.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Zero-touch mode ({@code chathub.inject}) and the paths it never touches ({@code chathub.inject.exclude}), for the
 * injector: the url-patterns are checked here and handed over as tests of the path within the application.
 */
public final class InjectionSettings {

    private final boolean inject;
    private final List<String> exclude;
    private final List<Predicate<String>> excluded;

    private InjectionSettings(SettingValues v) {
        inject = v.bool(Setting.INJECT);
        exclude = v.list(Setting.INJECT_EXCLUDE);
        try {
            excluded = patterns(exclude);
        } catch (IllegalArgumentException e) {
            throw new ChatHubConfigException(Setting.INJECT_EXCLUDE, String.join(",", exclude), e.getMessage());
        }
    }

    static InjectionSettings parse(SettingValues values) {
        return new InjectionSettings(values);
    }

    public boolean inject() {
        return inject;
    }

    /** {@code chathub.inject.exclude}'s url-patterns, split and trimmed. */
    public List<String> exclude() {
        return exclude;
    }

    /** {@link #exclude()} as tests of a path within the application, each true when its pattern matches. */
    public List<Predicate<String>> excluded() {
        return excluded;
    }

    /**
     * Servlet-style url-patterns ({@code /api/*}, {@code *.pdf}, {@code /exact}, and {@code ""} for the context root)
     * as tests of the path within the application; surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming the first pattern that is not one
     */
    public static List<Predicate<String>> patterns(List<String> patterns) {
        List<Predicate<String>> parsed = new ArrayList<>();
        for (String pattern : patterns) {
            parsed.add(pattern(pattern));
        }
        return Collections.unmodifiableList(parsed);
    }

    /**
     * The servlet specification's url-pattern rules (section 12.2), for {@code chathub.inject.exclude}. Written out
     * here because the servlet API offers no way to match a path against a pattern (only the container's own
     * mapping of the current request), and the containers' matchers are their internals (Jetty's
     * {@code ServletPathSpec}, Tomcat's {@code Mapper}): depending on one would tie the library to that container.
     */
    private static Predicate<String> pattern(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("url-pattern is missing (null)");
        }
        String p = pattern.trim();
        if (p.isEmpty()) {
            return "/"::equals;
        }
        if (p.equals("/")) {
            throw new IllegalArgumentException(
                    "url-pattern \"/\" is ambiguous here: use \"/*\" for every path or \"\" for the context root");
        }
        if (p.startsWith("*.")) {
            String extension = p.substring(1);
            if (extension.length() == 1 || extension.indexOf('/') >= 0 || extension.indexOf('*') >= 0) {
                throw new IllegalArgumentException("url-pattern \"" + p + "\" is not a valid extension pattern (*.ext)");
            }
            return path -> path.substring(path.lastIndexOf('/') + 1).endsWith(extension);
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("url-pattern \"" + p + "\" must start with \"/\" or \"*.\"");
        }
        boolean prefixPattern = p.endsWith("/*");
        String literal = prefixPattern ? p.substring(0, p.length() - 2) : p;
        if (literal.indexOf('*') >= 0) {
            throw new IllegalArgumentException("url-pattern \"" + p + "\" may contain \"*\" only as \"/*\" at its end");
        }
        if (prefixPattern) {
            return path -> path.startsWith(literal)
                    && (path.length() == literal.length() || path.charAt(literal.length()) == '/');
        }
        return literal::equals;
    }
}
