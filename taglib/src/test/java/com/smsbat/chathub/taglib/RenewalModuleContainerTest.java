package com.smsbat.chathub.taglib;

import com.smsbat.chathub.internal.rendering.RenewalModule;
import com.smsbat.chathub.sandbox.ChatHubSandbox;
import com.smsbat.chathub.testing.Browser;
import com.smsbat.chathub.testing.Closing;
import com.smsbat.chathub.testing.TestContainer;
import com.smsbat.chathub.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser module is fetched once and then kept for good: the filter serves it at an address named after its
 * content, as immutable, on the container of this run; Chromium asks for it once, whatever the number of pages
 * and tabs after that.
 */
class RenewalModuleContainerTest {

    private static final Pattern MODULE_SRC = Pattern.compile(
            "<script type=\"module\" src=\"([^\"#]*/chathub/token-renewal\\.[0-9a-f]{20}\\.js)#([^\"]*)\"");
    private static final String PAGE = ChatHubApps.page(ChatHubApps.widget());

    private static ChatHubSandbox sandbox;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        sandbox = ChatHubSandbox.start();
        Map<String, String> settings = ChatHubApps.sandboxSettings(sandbox);
        settings.put("chathub.user.session-attribute", "user");
        container = TestContainer.start(ChatHubApps.app(settings,
                ChatHubApps.SESSION_LOGIN + RequestLog.mappedTo("module", "/chathub/*")).file("page.jsp", PAGE));
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(container, sandbox);
    }

    @Test
    void theModuleIsServedAsImmutableJavaScriptAtTheAddressThePageNames() {
        String module = moduleAddress(signedIn().get(container.uri("/page.jsp")).body()).group(1);

        HttpResponse<byte[]> response = TestHttp.anonymous().sendForBytes(
                HttpRequest.newBuilder(container.uri("/").resolve(module)).GET().build());

        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertEquals("public, max-age=31536000, immutable",
                        response.headers().firstValue("Cache-Control").orElse(null)),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                        response.headers().toString()),
                () -> assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null)),
                () -> assertArrayEquals(RenewalModule.content(), response.body()));
    }

    @Test
    void theModuleHasNoAddressWithoutItsHash() {
        assertAll(
                () -> assertEquals(404, TestHttp.anonymous().get(container.uri("/chathub/token-renewal.js")).statusCode()),
                () -> assertEquals(404, TestHttp.anonymous()
                        .get(container.uri("/chathub/token-renewal.00000000000000000000.js")).statusCode()));
    }

    @Test
    void theAddressesInThePageUseTheApplicationsContextPathNotTheOneTheClientWrote() {
        URI page = container.uri("/page.jsp");
        String contextPath = container.uri("/").getPath().replaceAll("/$", "");
        URI asWritten = page.resolve(page.getRawPath().replaceFirst("^" + contextPath, contextPath + ";v=1"));
        TestHttp user = signedIn();

        HttpResponse<String> response = user.get(asWritten);

        Matcher module = moduleAddress(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode(), asWritten.toString()),
                () -> assertTrue(module.group(1).startsWith(contextPath + "/chathub/"), module.group(1)),
                () -> assertTrue(module.group(2).contains("&amp;e=" + contextPath.replace("/", "%2F") + "%2Fapi"), module.group(2)),
                () -> assertTrue(response.body().contains(" data-chathub-token-url=\"" + contextPath + "/api/chathub/token\""),
                        response.body()));
    }

    @Test
    void chromiumFetchesTheModuleOnceForEveryLaterPageAndTab() {
        Browser.assumeAvailable();
        try (Browser browser = Browser.start()) {
            browser.open(container.uri("/login?user=john"));
            openPage(browser);
            int afterFirstPage = RequestLog.count("/chathub/token-renewal.");

            openPage(browser);
            Number secondTransfer = moduleTransferSize(browser);
            browser.driver().switchTo().newWindow(WindowType.TAB);
            openPage(browser);
            Number newTabTransfer = moduleTransferSize(browser);

            assertAll(
                    () -> assertEquals(afterFirstPage, RequestLog.count("/chathub/token-renewal."), "module requests after the first page"),
                    () -> assertEquals(0L, secondTransfer.longValue(), "bytes fetched for the module by the second page"),
                    () -> assertEquals(0L, newTabTransfer.longValue(), "bytes fetched for the module by a new tab"));
        }
    }

    private static void openPage(Browser browser) {
        browser.open(container.uri("/page.jsp"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d ->
                !d.findElements(By.cssSelector("[data-chathub-panel][data-state='ready']")).isEmpty());
    }

    /** Resource timing's bytes over the network for the module: 0 when the browser's cache answered. */
    @SuppressWarnings("unchecked")
    private static Number moduleTransferSize(Browser browser) {
        List<Number> sizes = (List<Number>) browser.driver().executeScript("return performance.getEntriesByType('resource')"
                + ".filter(entry => entry.name.includes('/chathub/token-renewal.')).map(entry => entry.transferSize)");
        assertEquals(1, sizes.size(), "module entries in resource timing: " + sizes);
        return sizes.get(0);
    }

    private static TestHttp signedIn() {
        TestHttp user = TestHttp.anonymous();
        user.get(container.uri("/login?user=john"));
        return user;
    }

    private static Matcher moduleAddress(String html) {
        Matcher module = MODULE_SRC.matcher(html);
        assertTrue(module.find(), html);
        return module;
    }
}
