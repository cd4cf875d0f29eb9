package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.injection.RandomPages;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import static com.smsbat.chathub.taglib.InjectionWebapp.MARKUP;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random pages written in random chunks through either API, served by a real container. */
class InjectRandomizedContainerTest {

    private static final int PAGES = 200;
    private static final TestHttp HTTP = TestHttp.anonymous();

    private static TestContainer container;

    @BeforeAll
    static void start() {
        container = TestContainer.start(InjectionWebapp.create());
        InjectionWebapp.register("random", (request, response) -> {
            RandomPages.WritePlan plan = RandomPages.WritePlan.of(Long.parseLong(request.getParameter("seed")));
            response.setContentType("text/html;charset=UTF-8");
            if (plan.stream()) {
                writeBytes(plan, response.getOutputStream());
            } else {
                writeChars(plan, response.getWriter());
            }
        });
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void everyPageGetsTheMarkupOnceBeforeItsLastBodyEndOrIsUnchanged() {
        for (long seed = 0; seed < PAGES; seed++) {
            RandomPages.WritePlan plan = RandomPages.WritePlan.of(seed);

            byte[] body = HTTP.sendForBytes(HTTP.request(container.uri("/s/random?seed=" + seed)).GET().build()).body();

            assertEquals(new String(plan.expectedBody(MARKUP), StandardCharsets.ISO_8859_1),
                    new String(body, StandardCharsets.ISO_8859_1),
                    "seed " + seed + (plan.stream() ? " (stream)" : " (writer)"));
        }
    }

    private static void writeBytes(RandomPages.WritePlan plan, ServletOutputStream out) throws IOException {
        byte[] page = plan.page().getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        for (int i = 0; i < plan.chunks().length; i++) {
            int size = plan.chunks()[i];
            if (size == 1 && plan.alternative()[i]) {
                out.write(page[offset]);
            } else {
                out.write(page, offset, size);
            }
            offset += size;
        }
    }

    private static void writeChars(RandomPages.WritePlan plan, PrintWriter out) {
        String page = plan.page();
        char[] chars = page.toCharArray();
        int offset = 0;
        for (int i = 0; i < plan.chunks().length; i++) {
            int size = plan.chunks()[i];
            if (plan.alternative()[i]) {
                out.write(chars, offset, size);
            } else {
                out.write(page, offset, size);
            }
            offset += size;
        }
    }
}
