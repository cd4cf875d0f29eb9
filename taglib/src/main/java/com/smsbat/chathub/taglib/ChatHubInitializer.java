package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.web.ChatHubWeb;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * Registers the {@code chathub} filter where the library's {@code web-fragment.xml} is not read: applications
 * whose {@code web.xml} says {@code metadata-complete="true"}, which makes containers ignore every fragment
 * but still run the initializers of the jars in {@code WEB-INF/lib}. It registers the filter exactly as the
 * fragment does, and nothing when the filter is already there (from the fragment or declared in
 * {@code web.xml} by the application) or {@code chathub.enabled=false}. An {@code <absolute-ordering>} that
 * leaves out {@code chathub} makes containers skip this initializer as well as the fragment.
 */
public final class ChatHubInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "chathub";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        boolean declared = context.getFilterRegistration(FILTER_NAME) != null
                || context.getFilterRegistrations().values().stream()
                .anyMatch(filter -> ChatHubFilter.class.getName().equals(filter.getClassName()));
        if (declared) {
            return;
        }
        if (!ChatHubWeb.wantsFilter(context)) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, ChatHubFilter.class);
        filter.setAsyncSupported(true);
        // As the fragment: after the application's own filters, on requests and forwards.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD), true, "/*");
    }
}
