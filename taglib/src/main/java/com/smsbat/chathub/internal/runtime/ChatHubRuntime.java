package com.smsbat.chathub.internal.runtime;

import com.smsbat.chathub.client.ChatHubClient;
import com.smsbat.chathub.internal.cache.CacheStats;
import com.smsbat.chathub.internal.cache.DaemonThreads;
import com.smsbat.chathub.internal.cache.OperatorTokenCache;
import com.smsbat.chathub.internal.cache.OperatorTokenSource;
import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ClientSettings;
import com.smsbat.chathub.internal.config.ChatHubConfigException;
import com.smsbat.chathub.internal.identity.Identity;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final PanelVerdict.Recent verdicts = new PanelVerdict.Recent();
    private final ObjectName mbean;

    private ChatHubRuntime(ChatHubConfig config, ServletContext context, Clock clock, ChatHubSandbox sandbox) {
        this.config = config;
        this.sandbox = sandbox;
        this.identity = Identity.of(config.identity());
        ClientSettings settings = config.client();
        this.widgetUrl = settings.widgetUrl() != null ? settings.widgetUrl() : sandbox.widgetScriptUri();
        this.chatHub = client(settings, sandbox, clock);
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("chathub-directory"));
        this.directory = new ChatHubDirectory(chatHub, executor, clock, config.resolution().directoryRefresh(),
                config.resolution().provisionMaxPerMinute());
        this.resolver = Resolvers.create(config.resolution(), config.cache().waitBudget(), directory);
        this.cache = OperatorTokenCache.builder(OperatorTokenSource.chatHub(chatHub, config.cache().validate()))
                .clock(clock)
                .settings(config.cache())
                .build();
        this.mbean = config.jmx() ? registerMBean(context.getContextPath(), cache, verdicts) : null;
    }

    /**
     * Starts the integration for {@code context}.
     *
     * @throws ChatHubConfigException when an EL setting cannot be used on this container
     */
    public static ChatHubRuntime start(ChatHubConfig config, ServletContext context, Clock clock) {
        ChatHubSandbox sandbox = config.client().sandbox() ? ChatHubSandbox.start() : null;
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

    /** The sandbox, when it runs, stands in for ChatHub: its address and, unless others are set, its company. */
    private static ChatHubClient client(ClientSettings settings, ChatHubSandbox sandbox, Clock clock) {
        ChatHubClient.Builder client = ChatHubClient.builder()
                .baseUri(sandbox != null ? sandbox.baseUri() : settings.apiUrl())
                .connectTimeout(settings.connectTimeout())
                .requestTimeout(settings.requestTimeout())
                .clock(clock);
        if (!settings.companyToken().isEmpty()) {
            client.companyToken(settings.companyToken());
        } else if (!settings.login().isEmpty()) {
            client.credentials(settings.login(), settings.password());
        } else {
            client.credentials(ChatHubSandbox.LOGIN, ChatHubSandbox.PASSWORD);
        }
        return client.build();
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
