package com.smsbat.chathub.taglib;

import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static com.smsbat.chathub.taglib.InjectionWebapp.MARKUP;
import static com.smsbat.chathub.taglib.InjectionWebapp.register;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The injector mapped to the REQUEST dispatcher only, so that it does not see forwards: a forwarded page must
 * still arrive whole (Tomcat 11 ends a forwarded response behind the back of response wrappers).
 */
class InjectRequestMappingContainerTest {

    private static final String TAIL = "</body>\n</html>\n" + "<!-- trailer -->".repeat(100);

    private static TestContainer container;

    @BeforeAll
    static void start() {
        container = TestContainer.start(InjectionWebapp.createMappedToRequestsOnly()
                .file("target.jsp", "<%@ page contentType=\"text/html;charset=UTF-8\" %><html><body>\n<p>Привет</p>\n" + TAIL));
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void forwardedPageArrivesWholeWithTheMarkup() {
        register("forward-unmapped", (request, response) ->
                request.getRequestDispatcher("/target.jsp").forward(request, response));

        HttpResponse<byte[]> response = TestHttp.anonymous().sendForBytes(
                TestHttp.anonymous().request(container.uri("/s/forward-unmapped")).GET().build());

        assertEquals("<html><body>\n<p>Привет</p>\n" + MARKUP + TAIL, new String(response.body(), UTF_8));
    }
}
