package com.smsbat.chathub.taglib;

import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.LogCapture;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static com.smsbat.chathub.taglib.ChatHubApps.page;
import static com.smsbat.chathub.taglib.ChatHubApps.scripts;
import static com.smsbat.chathub.taglib.ChatHubApps.widget;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The javax jar's initializer (its service file renamed to {@code javax.servlet.ServletContainerInitializer} by
 * the transformer) on Tomcat 9, after package: a {@code metadata-complete} Servlet 4.0 application, whose
 * container ignores the fragment, still gets exactly one filter and its panel. Not run on Jetty 12 ee8, which
 * runs no initializers found on the class path (it has no annotations module).
 */
class JavaxInitializerIT {

    @Test
    void metadataCompleteApplicationGetsOneFilterAndItsPanel() {
        try (ChatHubSandbox sandbox = ChatHubSandbox.start();
             LogCapture log = LogCapture.of(ChatHubFilter.class.getName(), Level.INFO);
             TestContainer container = TestContainer.start(ChatHubApps.withPage(
                     ChatHubApps.app(ChatHubApps.sandboxSettings(sandbox), ""), "page.jsp", page(widget()))
                     .metadataComplete().isolatedLibrary())) {
            String html = TestHttp.as("john", "pw").get(container.uri("/secure/page.jsp")).body();

            assertEquals(1, scripts(html).size(), html);
            assertEquals(1, log.messages(Level.INFO, "ChatHub panels are on in /app (filter \"chathub\"").size());
        }
    }
}
