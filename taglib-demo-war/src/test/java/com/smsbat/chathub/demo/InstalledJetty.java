package com.smsbat.chathub.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code jetty-home} distribution the build unpacked, run with {@code java -jar start.jar} in a
 * {@code jetty.base} of its own, set up as docs/installed-servers.md says: the modules, the demo's context file and
 * realm, the WAR in {@code webapps/}.
 */
final class InstalledJetty extends InstalledServer {

    /** Not {@code ee10-jstl}: the demo WAR brings its own JSTL, and both copies would be scanned. */
    static final String MODULES = "--add-modules=http,ee10-deploy,ee10-jsp";

    private final Path home;

    private InstalledJetty(String name) {
        super(name);
        String property = System.getProperty("jetty.home");
        assertTrue(property != null && Files.isDirectory(Path.of(property)),
                "system property jetty.home must name the unpacked jetty-home (`mvn verify` sets it), not " + property);
        home = Path.of(property);
    }

    /** A fresh {@code jetty.base} under {@code target/installed/name} with the demo deployed; not started. */
    static InstalledJetty create(String name) {
        InstalledJetty jetty = new InstalledJetty(name);
        jetty.run(List.of(java(), "-jar", jetty.startJar(), MODULES));
        copy(shipped("jetty/demo-realm.properties"), jetty.base.resolve("etc/demo-realm.properties"));
        copy(shipped("jetty/chathub-demo.xml"), jetty.base.resolve("webapps/chathub-demo.xml"));
        copyWar(jetty.base.resolve("webapps"), "chathub-demo.war");
        // With a work directory in the base, Jetty unpacks the WAR there instead of in /tmp.
        write(jetty.base.resolve("work/.keep"), "");
        return jetty;
    }

    /** {@code java [jvmOptions] -jar start.jar} on 127.0.0.1 and the free port. */
    InstalledJetty start(String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", startJar(), "jetty.http.host=127.0.0.1", "jetty.http.port=" + port));
        start(command, Map.of());
        return this;
    }

    private String startJar() {
        return home.resolve("start.jar").toString();
    }

    @Override
    Path console() {
        return base.resolve("jetty-console.log");
    }

    String version() {
        return home.getFileName().toString().replace("jetty-home-", "");
    }
}
