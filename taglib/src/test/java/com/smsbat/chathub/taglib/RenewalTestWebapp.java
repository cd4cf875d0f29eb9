package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.rendering.RenewalModule;
import com.smsbat.chathub.testing.TestWebapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The webapp of the renewal browser tests: the scripted token endpoint, the panel page, the fake widget and the
 * shipped browser module (ChatHub itself is off here, so the filter does not serve it).
 */
final class RenewalTestWebapp {

    private RenewalTestWebapp() {
    }

    static TestWebapp create() {
        return TestWebapp.create()
                .webXml("""
                          <servlet>
                            <servlet-name>token</servlet-name>
                            <servlet-class>com.smsbat.chathub.taglib.ScriptedTokenEndpoint</servlet-class>
                          </servlet>
                          <servlet-mapping>
                            <servlet-name>token</servlet-name>
                            <url-pattern>/api/chathub/token</url-pattern>
                          </servlet-mapping>
                          <servlet>
                            <servlet-name>panels</servlet-name>
                            <servlet-class>com.smsbat.chathub.taglib.PanelPage</servlet-class>
                          </servlet>
                          <servlet-mapping>
                            <servlet-name>panels</servlet-name>
                            <url-pattern>/panels</url-pattern>
                          </servlet-mapping>
                        """)
                .file("fake-widget.js", resource("fake-widget.js"))
                .file("test-events.js", resource("test-events.js"))
                .file(PanelPage.MODULE.substring(1), new String(RenewalModule.content(), StandardCharsets.UTF_8));
    }

    static String resource(String name) {
        try (InputStream in = RenewalTestWebapp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
