package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.config.ChatHubConfig;
import com.smsbat.chathub.internal.config.ResolutionSettings;
import com.smsbat.chathub.internal.resolution.PanelVerdict.Outcome;
import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The choice of {@link OperatorResolver} (setting {@code chathub.operator.resolver}), and asking it. */
public final class Resolvers {

    private static final Logger LOG = Logger.getLogger(ChatHubConfig.FILTER_CLASS_NAME);

    private Resolvers() {
    }

    /**
     * The resolver {@code settings} name, built-in or the application's own.
     *
     * @param budget the longest the {@code directory} resolver waits for ChatHub's lists ({@code chathub.wait})
     */
    public static OperatorResolver create(ResolutionSettings settings, Duration budget, ChatHubDirectory directory) {
        switch (settings.resolver()) {
            case "mapping":
                return new MappingResolver(settings.mapping(), settings.mappingPath());
            case "session":
                return new SessionResolver(settings.operatorSessionAttribute(), settings.defaultOrganization());
            case "directory":
                return new DirectoryResolver(directory, settings.operatorNameAttribute(), budget, settings.provisionIn());
            default:
                return settings.custom();
        }
    }

    /**
     * What {@code resolver} finds for {@code user}, and why when nothing. A resolver that fails (an application's
     * own, say) costs the user the panel, never the page.
     */
    public static Resolution resolve(OperatorResolver resolver, String user, HttpServletRequest request) {
        try {
            if (resolver instanceof Explaining) {
                return ((Explaining) resolver).explain(user, request);
            }
            List<OperatorAssignment> resolved = resolver.resolve(user, request);
            return Resolution.of(resolved == null ? Collections.<OperatorAssignment>emptyList()
                    : Collections.unmodifiableList(new ArrayList<>(resolved)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ChatHub operator resolver " + resolver.getClass().getName()
                    + " failed; showing the fallback instead of a panel", e);
            return new Resolution(Collections.<OperatorAssignment>emptyList(), Outcome.RESOLVER_FAILED,
                    e.getClass().getName());
        }
    }
}
