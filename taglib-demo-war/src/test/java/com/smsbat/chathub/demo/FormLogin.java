package com.smsbat.chathub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cookie-keeping HTTP client that signs in to the demo the way a browser does: protected page, then the login form. */
final class FormLogin {

    private final DemoSite demo;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    FormLogin(DemoSite demo) {
        this.demo = demo;
    }

    /** Signed in as {@code user} with the demo password, checked by the dashboard greeting the user. */
    static FormLogin signedIn(DemoSite demo, String user) {
        FormLogin login = new FormLogin(demo);
        HttpResponse<String> landing = login.signIn(user, DemoBuild.PASSWORD);
        assertTrue(landing.body().contains("id=\"signed-in-user\""), "signed in as " + user + ": " + landing.body());
        return login;
    }

    HttpResponse<String> signIn(String user, String password) {
        HttpResponse<String> form = get("/dashboard.jsp");
        assertTrue(form.body().contains("j_security_check"), form.body());
        String body = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(demo.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Signs out through the demo's sign-out button, checked by the signed-out page. */
    void signOut() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(demo.uri("/logout")).POST(HttpRequest.BodyPublishers.noBody()));
        assertTrue(page.body().contains("id=\"signed-out\""), page.body());
    }

    /** A page answered with 200. */
    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(demo.uri(path)).GET());
        assertEquals(200, response.statusCode(), path);
        return response;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
