package com.smsbat.chathub.demo;

import java.net.URI;

/** Where a running demo answers: embedded Jetty in this JVM, or an installed server. */
interface DemoSite {

    /** The address of {@code path} within the demo application, e.g. {@code /dashboard.jsp}. */
    URI uri(String path);
}
