package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.internal.cache.CacheStats;
import com.smsbat.chathub.internal.cache.OperatorTokenCache;
import com.smsbat.chathub.internal.cache.OperatorTokenSource;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.config.Setting;
import com.smsbat.chathub.internal.identity.Identity;
import com.smsbat.chathub.internal.injection.HtmlInjector;
import com.smsbat.chathub.internal.resolution.ChatHubDirectory;
import com.smsbat.chathub.internal.resolution.PanelVerdict;
import com.smsbat.chathub.internal.resolution.Resolvers;
import com.smsbat.chathub.resolver.OperatorResolver;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import jakarta.servlet.ServletContext;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything one web application's ChatHub integration runs on, started by the filter's {@code init}
 * and stopped by its {@code destroy}: client, token cache, directory, resolver, and the sandbox when
 * configured. Stopping it ends every thread it started, so redeploys leak nothing.
 */
public final class ChatHubRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);

    private final ChatHubConfig config;
    private final ChatHubSandbox sandbox;
    private final Identity identity;
    private final URI widgetUrl;
    private final ChatHubClient chatHub;
    private final ExecutorService executor;
    private final ChatHubDirectory directory;
    private final OperatorTokenCache cache;
    private final OperatorResolver resolver;
    private final HtmlInjector injector;
    private final PanelVerdict.Recent verdicts = new PanelVerdict.Recent();
    private final ObjectName mbean;

    private ChatHubRuntime(ChatHubConfig config, ServletContext context, Clock clock, ChatHubSandbox sandbox) {
        this.config = config;
        this.sandbox = sandbox;
        this.identity = Identity.of(config);
        this.widgetUrl = config.widgetUrl() != null ? config.widgetUrl() : sandbox.widgetScriptUri();
        this.injector = config.inject() ? injector(config) : null;
        ChatHubClient.Builder client = ChatHubClient.builder()
                .baseUri(sandbox != null ? sandbox.baseUri() : config.apiUrl())
                .connectTimeout(config.httpConnectTimeout())
                .requestTimeout(config.httpTimeout())
                .clock(clock);
        if (!config.companyToken().isEmpty()) {
            client.companyToken(config.companyToken());
        } else if (!config.login().isEmpty()) {
            client.credentials(config.login(), config.password());
        } else {
            client.credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD);
        }
        this.chatHub = client.build();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chathub-directory-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.directory = new ChatHubDirectory(chatHub, executor, clock, config.directoryRefresh(),
                config.operatorProvisionMaxPerMinute());
        OperatorResolver chosen;
        try {
            chosen = Resolvers.create(config, context, directory);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            chatHub.close();
            throw e;
        }
        this.resolver = chosen;
        this.cache = OperatorTokenCache.builder(OperatorTokenSource.chatHub(chatHub, config.tokenValidate()))
                .clock(clock)
                .lifetime(config.tokenLifetime())
                .refreshAhead(config.tokenRefreshAhead())
                .safetyMargin(safetyMargin(config.tokenRefreshAhead()))
                .waitBudget(config.waitBudget())
                .maxEntries(config.cacheMaxOperators())
                .idleExpiry(config.cacheIdleExpiry())
                .build();
        this.mbean = config.jmx() ? registerMBean(context.getContextPath(), cache, verdicts) : null;
    }

    /**
     * Starts the integration for {@code context}.
     *
     * @throws ChatHubConfigException when a setting cannot be used (e.g. a missing mapping file)
     */
    public static ChatHubRuntime start(ChatHubConfig config, ServletContext context, Clock clock) {
        ChatHubSandbox sandbox = config.sandbox() ? ChatHubSandbox.start() : null;
        if (sandbox != null) {
            LOG.warning("*** ChatHub SANDBOX in use (chathub.api.url=sandbox) at " + sandbox.baseUri()
                    + ": panels are offline stand-ins, not real ChatHub chats. Never use this in production. ***");
        }
        try {
            return new ChatHubRuntime(config, context, clock, sandbox);
        } catch (RuntimeException | LinkageError e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    public ChatHubConfig config() {
        return config;
    }

    public URI widgetUrl() {
        return widgetUrl;
    }

    OperatorTokenCache cache() {
        return cache;
    }

    ChatHubDirectory directory() {
        return directory;
    }

    OperatorResolver resolver() {
        return resolver;
    }

    Identity identity() {
        return identity;
    }

    /** Keeps {@code verdict} for {@code explain(user)} and logs it for administrators who asked for it. */
    public void record(PanelVerdict verdict) {
        verdicts.record(verdict);
        if (verdict.user() != null && config.debugs(verdict.user())) {
            LOG.info(verdict.toString());
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(verdict.toString());
        }
    }

    /** The zero-touch injector, or {@code null} when {@code chathub.inject} is off. */
    public HtmlInjector injector() {
        return injector;
    }

    @Override
    public void close() {
        if (mbean != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbean);
            } catch (JMException e) {
                LOG.log(Level.FINE, "ChatHub token cache MBean was already gone", e);
            }
        }
        cache.close();
        executor.shutdownNow();
        chatHub.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /**
     * How close to its expiry a token is no longer handed out: a minute, as the cache's default, but never
     * so much of the refresh window that short lifetimes (tests, demos) leave nothing to serve.
     */
    private static Duration safetyMargin(Duration refreshAhead) {
        Duration quarter = refreshAhead.dividedBy(4);
        return quarter.compareTo(OperatorTokenCache.DEFAULT_SAFETY_MARGIN) < 0 ? quarter : OperatorTokenCache.DEFAULT_SAFETY_MARGIN;
    }

    private static HtmlInjector injector(ChatHubConfig config) {
        try {
            return new HtmlInjector(config.injectExclude());
        } catch (IllegalArgumentException e) {
            throw new ChatHubConfigException(Setting.INJECT_EXCLUDE, String.join(",", config.injectExclude()),
                    e.getMessage());
        }
    }

    private static ObjectName registerMBean(String contextPath, OperatorTokenCache cache, PanelVerdict.Recent verdicts) {
        try {
            ObjectName name = new ObjectName("com.smsbat.chathub:type=TokenCache,context="
                    + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(new StandardMBean(new CacheCounters(cache, verdicts), TokenCacheMXBean.class, true), name);
            return name;
        } catch (JMException e) {
            LOG.log(Level.WARNING, "ChatHub token cache counters are not available over JMX: " + e.getMessage());
            return null;
        }
    }

    private static final class CacheCounters implements TokenCacheMXBean {
        private final OperatorTokenCache cache;
        private final PanelVerdict.Recent verdicts;

        CacheCounters(OperatorTokenCache cache, PanelVerdict.Recent verdicts) {
            this.cache = cache;
            this.verdicts = verdicts;
        }

        OperatorTokenCache cache() {
            return cache;
        }

        PanelVerdict.Recent verdicts() {
            return verdicts;
        }

        private CacheStats stats() {
            return cache.stats();
        }

        @Override
        public long getHits() {
            return stats().hits();
        }

        @Override
        public long getMisses() {
            return stats().misses();
        }

        @Override
        public long getRefreshes() {
            return stats().refreshes();
        }

        @Override
        public long getFailures() {
            return stats().failures();
        }

        @Override
        public long getUpstreamCalls() {
            return stats().upstreamCalls();
        }

        @Override
        public int getEntries() {
            return stats().entries();
        }

        @Override
        public String explain(String user) {
            return verdicts.explain(user);
        }
    
    }
}
