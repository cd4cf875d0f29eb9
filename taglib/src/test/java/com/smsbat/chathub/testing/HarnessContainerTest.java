package com.smsbat.chathub.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The harness itself: JSP compilation, the library jar on the webapp's path, container-managed login. */
class HarnessContainerTest {

    private static final String WHO = """
            <%@ page contentType="text/plain; charset=UTF-8" %>user=${pageContext.request.remoteUser};jwt=<%= com.smsbat.chathub.client.OperatorToken.isJwtShaped("a.b.c") %>""";

    private static TestContainer container;

    @BeforeAll
    static void start() {
        container = TestContainer.start(TestWebapp.create()
                .webXml(TestWebapp.SECURE_BASIC)
                .file("who.jsp", WHO)
                .file("secure/who.jsp", WHO)
                .user("alice", "pw", "operator"));
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void jspSeesTheLibraryAndNoUserWhenAnonymous() {
        assertEquals("user=;jwt=true", TestHttp.anonymous().get(container.uri("/who.jsp")).body().strip());
    }

    @Test
    void containerManagedLoginSetsRemoteUser() {
        assertEquals("user=alice;jwt=true",
                TestHttp.as("alice", "pw").get(container.uri("/secure/who.jsp")).body().strip());
    }
}
