package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * How a user becomes a ChatHub operator ({@code chathub.operator.*}, {@code chathub.organization}), for the
 * resolvers and the directory. What the resolver needs from the web application is read here too, so its errors are
 * setting errors like any other: the {@code mapping} resolver's file, parsed; an application's own resolver, made.
 */
public final class ResolutionSettings {

    /** Where the web application's own files are read from ({@code ServletContext::getResourceAsStream}). */
    public interface Resources {

        /** The resource at {@code path} within the application, or {@code null} when there is none. */
        InputStream open(String path) throws IOException;
    }

    private final String resolver;
    private final String organization;
    private final Long defaultOrganization;
    private final String mappingPath;
    private final Map<String, List<OperatorAssignment>> mapping;
    private final OperatorResolver custom;
    private final String operatorSessionAttribute;
    private final String operatorNameAttribute;
    private final boolean provision;
    private final int provisionMaxPerMinute;
    private final Duration directoryRefresh;

    /** {@code resources} {@code null}: nothing is read from the application, as panels are off anyway. */
    private ResolutionSettings(SettingValues v, IdentitySettings identity, Resources resources) {
        resolver = v.text(Setting.OPERATOR_RESOLVER);
        if (resolver.isEmpty()) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, resolver,
                    "must be mapping, session, directory or a class name");
        }
        organization = v.text(Setting.ORGANIZATION);
        OptionalLong organizationId = Assignments.organizationId(organization);
        defaultOrganization = organizationId.isPresent() ? organizationId.getAsLong() : null;
        provision = v.bool(Setting.OPERATOR_PROVISION);
        if (provision) {
            requireForProvisioning(!"directory".equals(resolver), "chathub.operator.resolver=directory",
                    "operators are created for users the directory resolver finds no operator for");
            requireForProvisioning(organization.isEmpty(), "chathub.organization",
                    "it names the organization new operators are created in");
            requireForProvisioning(!identity.vouches(), "chathub.role",
                    "only users in one of its roles (or for whom chathub.role.expression holds) may have an operator "
                            + "created for them");
        }
        if ("directory".equals(resolver) && !identity.vouches()) {
            // A name is only worth an operator's panel for users the application vouches for.
            throw new ChatHubConfigException(Setting.ROLE, "", "chathub.operator.resolver=directory needs it (or "
                    + "chathub.role.expression): only users in one of its roles are matched to ChatHub's operators by "
                    + "name");
        }
        mappingPath = v.text(Setting.OPERATOR_MAPPING);
        operatorSessionAttribute = v.text(Setting.OPERATOR_SESSION_ATTRIBUTE);
        operatorNameAttribute = v.text(Setting.OPERATOR_NAME_ATTRIBUTE);
        provisionMaxPerMinute = v.positiveInt(Setting.OPERATOR_PROVISION_MAX_PER_MINUTE);
        directoryRefresh = v.positiveDuration(Setting.OPERATOR_DIRECTORY_REFRESH);
        boolean builtIn = "mapping".equals(resolver) || "session".equals(resolver) || "directory".equals(resolver);
        mapping = resources != null && "mapping".equals(resolver)
                ? mapping(mappingPath, resources, defaultOrganization) : Collections.emptyMap();
        custom = resources != null && !builtIn ? custom(resolver) : null;
    }

    static ResolutionSettings parse(SettingValues values, IdentitySettings identity, Resources resources) {
        return new ResolutionSettings(values, identity, resources);
    }

    private static void requireForProvisioning(boolean missing, String needed, String why) {
        if (missing) {
            throw new ChatHubConfigException(Setting.OPERATOR_PROVISION, "true", "needs " + needed + ": " + why);
        }
    }

    private static Map<String, List<OperatorAssignment>> mapping(String path, Resources resources,
                                                                 Long defaultOrganization) {
        Properties properties = new Properties();
        try (InputStream in = resources.open(path)) {
            if (in == null) {
                throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path, "no such resource in the web application");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path, "cannot be read: " + e.getMessage());
        }
        Map<String, List<OperatorAssignment>> byUser = new LinkedHashMap<>();
        for (String user : properties.stringPropertyNames()) {
            try {
                byUser.put(user, Assignments.parse(properties.getProperty(user), defaultOrganization));
            } catch (IllegalArgumentException e) {
                throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path,
                        "entry for user \"" + user + "\": " + e.getMessage());
            }
        }
        return Collections.unmodifiableMap(byUser);
    }

    /** Loaded with the class loader of the thread starting the application: the application's own classes. */
    private static OperatorResolver custom(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, true,
                    loader != null ? loader : ResolutionSettings.class.getClassLoader());
            if (!OperatorResolver.class.isAssignableFrom(type)) {
                throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                        "the class does not implement " + OperatorResolver.class.getName());
            }
            return (OperatorResolver) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "must be mapping, session, directory or the name of a class on the application's classpath");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "the class needs a public no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new ChatHubConfigException(Setting.OPERATOR_RESOLVER, className,
                    "the constructor failed: " + e.getCause());
        }
    }

    /** {@code mapping}, {@code session}, {@code directory}, or the class name of the application's own resolver. */
    public String resolver() {
        return resolver;
    }

    /** {@code chathub.organization}: an id or a name; empty: not set. */
    public String organization() {
        return organization;
    }

    /** {@code chathub.organization} when it is an id: the organization of assignments that name none. */
    public Long defaultOrganization() {
        return defaultOrganization;
    }

    /** Where the {@code mapping} resolver's file is, for what it says about users it has no entry for. */
    public String mappingPath() {
        return mappingPath;
    }

    /** The {@code mapping} resolver's file, read and checked: each user's operators. Empty for other resolvers. */
    public Map<String, List<OperatorAssignment>> mapping() {
        return mapping;
    }

    /** The application's own resolver, made once; {@code null} for the built-in ones. */
    public OperatorResolver custom() {
        return custom;
    }

    public String operatorSessionAttribute() {
        return operatorSessionAttribute;
    }

    public String operatorNameAttribute() {
        return operatorNameAttribute;
    }

    /** Where the {@code directory} resolver creates operators ({@code chathub.organization}), or {@code null}. */
    public String provisionIn() {
        return provision ? organization : null;
    }

    public boolean provision() {
        return provision;
    }

    public int provisionMaxPerMinute() {
        return provisionMaxPerMinute;
    }

    public Duration directoryRefresh() {
        return directoryRefresh;
    }
}
