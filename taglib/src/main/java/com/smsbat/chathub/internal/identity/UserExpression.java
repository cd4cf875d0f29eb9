package com.smsbat.chathub.internal.identity;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.Setting;
import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.ExpressionFactory;
import jakarta.el.FunctionMapper;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import jakarta.el.ValueExpression;
import jakarta.el.VariableMapper;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One EL expression of {@code chathub.user} or {@code chathub.role.expression}: parsed once at start-up by the
 * container's own EL implementation, evaluated per request over {@link RequestObjects}' implicit objects, read
 * only (no assignment, no functions: there is no function mapper).
 */
final class UserExpression {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);

    /** Request parameters are whatever the visitor sends: an expression over them would let anyone be anyone. */
    private static final Set<String> REFUSED = Collections.unmodifiableSet(new HashSet<>(Arrays.asList("param", "paramValues")));
    private static final Set<String> OPERATORS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true", "false", "null", "empty", "div", "mod",
            "instanceof")));
    /** Distinct run-time failures logged per expression; beyond this, failures are no longer logged at all. */
    private static final int MAX_LOGGED = 100;

    private final Setting setting;
    private final String text;
    private final ValueExpression expression;
    /**
     * One per expression, not shared: the bean resolver caches the application's classes, and a library on a
     * server's shared class path must not keep one application's classes alive after it is undeployed.
     */
    private final ELResolver resolver = resolver();
    private final Set<String> logged = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());

    private UserExpression(Setting setting, String text, ValueExpression expression) {
        this.setting = setting;
        this.text = text;
        this.expression = expression;
    }

    static UserExpression parse(Setting setting, String text, Class<?> type) {
        if (!text.startsWith("${") || !text.endsWith("}")) {
            throw new ChatHubConfigException(setting, text, "must be an EL expression such as "
                    + "${sessionScope.currentUser.login}");
        }
        ExpressionFactory factory;
        try {
            factory = ExpressionFactory.newInstance();
        } catch (ELException e) {
            throw new ChatHubConfigException(setting, text, "needs an Expression Language implementation (EL 3.0 or "
                    + "newer, as JSP containers have), and none was found: " + e.getMessage());
        }
        ValueExpression expression;
        try {
            expression = factory.createValueExpression(new Context(null, null), text, type);
        } catch (ELException e) {
            throw new ChatHubConfigException(setting, text, "is not a valid EL expression: " + e.getMessage());
        }
        // EL itself only finds an unknown name when it evaluates it, so a typo would fail every request; names
        // are therefore checked here, once, against the implicit objects there are.
        for (String name : topLevelNames(text)) {
            if (REFUSED.contains(name)) {
                throw new ChatHubConfigException(setting, text, name + " is refused: request parameters are chosen "
                        + "by the visitor, who would choose who they are");
            }
            if (!RequestObjects.NAMES.contains(name)) {
                throw new ChatHubConfigException(setting, text, "unknown name " + name + ": the expression can use "
                        + String.join(", ", RequestObjects.NAMES) + " (there is no JSP page here, so no pageContext)");
            }
        }
        return new UserExpression(setting, text, expression);
    }

    String text() {
        return text;
    }

    /**
     * The expression's value for {@code request}.
     *
     * @throws Identity.Failure when EL fails; logged once per distinct message, so one broken bean does not flood
     *                          the log, and a new kind of failure is still seen
     */
    Object evaluate(HttpServletRequest request) {
        try {
            return expression.getValue(new Context(resolver, request));
        } catch (RuntimeException e) {
            throw failure("failed: " + e);
        }
    }

    Identity.Failure failure(String problem) {
        String message = setting.key() + "=" + text + " " + problem;
        if (logged.size() < MAX_LOGGED && logged.add(message)) {
            LOG.warning("ChatHub: " + message + "; that user gets the fallback instead of a panel (each distinct "
                    + "failure is logged once)");
        }
        return new Identity.Failure(message);
    }

    /** The names an expression uses at its top level, i.e. not after a dot: the implicit objects it needs. */
    static Set<String> topLevelNames(String text) {
        Set<String> names = new HashSet<>();
        int depth = 0;
        char previous = ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth == 0) {
                if ((c == '$' || c == '#') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    depth = 1;
                    i++;
                    previous = '{';
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                for (i++; i < text.length() && text.charAt(i) != c; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
                previous = c;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i + 1 < text.length() && Character.isJavaIdentifierPart(text.charAt(i + 1))) {
                    i++;
                }
                String name = text.substring(start, i + 1);
                if (previous != '.' && !OPERATORS.contains(name)) {
                    names.add(name);
                }
                previous = 'a';
            } else if (Character.isDigit(c)) {
                while (i + 1 < text.length() && (Character.isLetterOrDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.')) {
                    i++;
                }
                previous = '0';
            } else if (!Character.isWhitespace(c)) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                previous = c;
            }
        }
        return names;
    }

    /** Read-only: an expression must not change the application's session or beans. */
    private static ELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new RequestObjects());
        resolver.add(new MapELResolver(true));
        resolver.add(new ListELResolver(true));
        resolver.add(new ArrayELResolver(true));
        resolver.add(new BeanELResolver(true));
        return resolver;
    }

    /** One evaluation's context: cheap, as one is made per request with a panel. */
    static final class Context extends ELContext {
        private final ELResolver resolver;
        private final HttpServletRequest request;

        Context(ELResolver resolver, HttpServletRequest request) {
            this.resolver = resolver;
            this.request = request;
        }

        /** EL implementations wrap this context while evaluating; what they hand resolvers still finds the request. */
        @Override
        public Object getContext(Class<?> key) {
            return key == HttpServletRequest.class ? request : super.getContext(key);
        }

        @Override
        public ELResolver getELResolver() {
            return resolver;
        }

        @Override
        public FunctionMapper getFunctionMapper() {
            return null;
        }

        @Override
        public VariableMapper getVariableMapper() {
            return null;
        }
    }
}
