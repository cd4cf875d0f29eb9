package com.smsbat.chathub.internal.identity;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.rendering.WidgetMarkupBenchmark.PageRequest;
import com.smsbat.chathub.taglib.Account;
import jakarta.servlet.http.HttpSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * What finding the user costs per request with a panel: the container's remote user (the default), the session
 * attribute shorthand, and {@code chathub.user} / {@code chathub.role.expression} as EL expressions over the
 * application's own session bean, on the EL implementation of the bench class path (Jetty's, Apache's EL). The
 * session is a stand-in, the same for the shorthand and the expressions, so their difference is the expression's.
 */
@State(Scope.Thread)
public class IdentityBenchmark {

    private Identity remoteUser;
    private Identity sessionAttribute;
    private Identity expression;
    private Identity expressionAndRole;
    private SessionRequest request;

    @Setup
    public void start() {
        remoteUser = identity(Map.of());
        sessionAttribute = identity(Map.of("chathub.user.session-attribute", "user"));
        expression = identity(Map.of("chathub.user", "${sessionScope.currentUser.login}"));
        expressionAndRole = identity(Map.of("chathub.user", "${sessionScope.currentUser.login}",
                "chathub.role.expression", "${sessionScope.currentUser.agent}"));
        request = new SessionRequest(Map.of("user", "john", "currentUser", new Account("john", true)));
        for (Identity identity : new Identity[] {remoteUser, sessionAttribute, expression, expressionAndRole}) {
            if (!"john".equals(identity.user(request)) || identity.refusal(request) != null) {
                throw new IllegalStateException("the stand-in request is not john's");
            }
        }
    }

    private static Identity identity(Map<String, String> settings) {
        return Identity.of(ChatHubConfig.parse(setting -> settings.get(setting.key()), path -> null).identity());
    }

    @Benchmark
    public String remoteUser() {
        return remoteUser.user(request);
    }

    @Benchmark
    public String sessionAttribute() {
        return sessionAttribute.user(request);
    }

    @Benchmark
    public String expression() {
        return expression.user(request);
    }

    @Benchmark
    public boolean expressionAndRole() {
        return expressionAndRole.user(request) != null && expressionAndRole.refusal(request) == null;
    }

    /** A signed-in request: the remote user, and a session holding {@code attributes}. */
    static final class SessionRequest extends PageRequest {
        private final HttpSession session;

        SessionRequest(Map<String, Object> attributes) {
            super("john", "/app");
            session = (HttpSession) Proxy.newProxyInstance(SessionRequest.class.getClassLoader(),
                    new Class<?>[] {HttpSession.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getAttribute")) {
                            return attributes.get((String) args[0]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public HttpSession getSession(boolean create) {
            return session;
        }
    }
}
