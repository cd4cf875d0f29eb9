package com.smsbat.chathub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP against a sandbox, to check exactly what goes over the wire. */
final class SandboxHttp {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUri;

    SandboxHttp(ChatHubSandbox sandbox) {
        this.baseUri = sandbox.baseUri();
    }

    HttpResponse<String> get(String pathAndQuery, String companyToken) {
        return send(request(pathAndQuery, companyToken).GET().build());
    }

    HttpResponse<String> post(String path, String json, String companyToken) {
        return send(request(path, companyToken).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A POST with {@code Accept: accept}. */
    HttpResponse<String> post(String path, String json, String companyToken, String accept) {
        return send(request(path, companyToken).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The media type the answer names, without parameters; empty when it names none. */
    static String mediaType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").map(type -> type.split(";")[0].strip()).orElse("");
    }

    CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery, String companyToken) {
        return HTTP.sendAsync(request(pathAndQuery, companyToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, String companyToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (companyToken != null) {
            request.header("Authorization", "Bearer " + companyToken);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
