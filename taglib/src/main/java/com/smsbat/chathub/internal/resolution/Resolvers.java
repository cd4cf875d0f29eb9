package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.internal.config.ResolutionSettings;
import com.smsbat.chathub.resolver.OperatorResolver;

import java.time.Duration;

/** The choice of {@link OperatorResolver} (setting {@code chathub.operator.resolver}). */
public final class Resolvers {

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
}
