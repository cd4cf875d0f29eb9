package com.smsbat.chathub.taglib;

import com.smsbat.chathub.client.Operator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/** The built-in {@link OperatorResolver}s and the choice between them (setting {@code chathub.operator.resolver}). */
final class Resolvers {

    private Resolvers() {
    }

    static OperatorResolver create(ChatHubConfig config, ServletContext context, ChatHubDirectory directory) {
        OptionalLong organization = ChatHubDirectory.parseId(config.organization());
        Long defaultOrganization = organization.isPresent() ? organization.getAsLong() : null;
        return switch (config.operatorResolver()) {
            case "mapping" -> mapping(config, context, defaultOrganization);
            case "session" -> new SessionResolver(config.operatorSessionAttribute(), defaultOrganization);
            case "directory" -> new DirectoryResolver(directory, config.operatorNameAttribute(), config.waitBudget());
            default -> custom(config.operatorResolver());
        };
    }

    private static OperatorResolver mapping(ChatHubConfig config, ServletContext context, Long defaultOrganization) {
        String path = config.operatorMapping();
        Properties properties = new Properties();
        try (InputStream in = context.getResourceAsStream(path)) {
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
                byUser.put(user, parseAssignments(properties.getProperty(user), defaultOrganization));
            } catch (IllegalArgumentException e) {
                throw new ChatHubConfigException(Setting.OPERATOR_MAPPING, path,
                        "entry for user \"" + user + "\": " + e.getMessage());
            }
        }
        return (user, request) -> byUser.getOrDefault(user, List.of());
    }

    /** {@code "101"}, {@code "24:101"} or {@code "24:101, 31:201"}, at most one operator per organization. */
    static List<OperatorAssignment> parseAssignments(String text, Long defaultOrganization) {
        Map<Long, OperatorAssignment> byOrganization = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                OperatorAssignment assignment = OperatorAssignment.parse(part, defaultOrganization);
                if (byOrganization.putIfAbsent(assignment.organizationId(), assignment) != null) {
                    throw new IllegalArgumentException("two operators for organization " + assignment.organizationId());
                }
            }
        }
        return List.copyOf(byOrganization.values());
    }

    private static OperatorResolver custom(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, true, loader != null ? loader : Resolvers.class.getClassLoader());
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

    /** The operator is already in the session, put there by the application's own login. */
    private record SessionResolver(String attribute, Long defaultOrganization) implements OperatorResolver {

        @Override
        public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            Object value = session == null ? null : session.getAttribute(attribute);
            if (value == null) {
                return List.of();
            }
            if (value instanceof OperatorAssignment assignment) {
                return List.of(assignment);
            }
            if (value instanceof Collection<?> collection) {
                List<OperatorAssignment> assignments = new ArrayList<>();
                for (Object item : collection) {
                    if (item instanceof OperatorAssignment assignment) {
                        assignments.add(assignment);
                    }
                }
                return assignments;
            }
            try {
                return parseAssignments(value.toString(), defaultOrganization);
            } catch (IllegalArgumentException e) {
                // A value the application put there that we cannot read: no panel, not a broken page.
                return List.of();
            }
        }
    }

    /** Finds the user among ChatHub's active operators by name, in every organization. */
    private record DirectoryResolver(ChatHubDirectory directory, String nameAttribute, Duration budget)
            implements OperatorResolver {

        @Override
        public List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
            String name = user;
            if (!nameAttribute.isEmpty()) {
                HttpSession session = request.getSession(false);
                Object displayName = session == null ? null : session.getAttribute(nameAttribute);
                if (displayName != null) {
                    name = displayName.toString();
                }
            }
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            List<OperatorAssignment> found = new ArrayList<>();
            directory.organizations(budget).orElse(List.of()).forEach(org ->
                    directory.operators(org.id(), budget).orElse(List.of()).stream()
                            .filter(Operator::isActive)
                            .filter(op -> op.name() != null && op.name().strip().toLowerCase(Locale.ROOT).equals(wanted))
                            .findFirst()
                            .ifPresent(op -> found.add(new OperatorAssignment(org.id(), op.id()))));
            return found;
        }
    }
}
