package com.smsbat.chathub.demo;

import com.smsbat.chathub.testing.Required;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's {@code tomcat10} package (Tomcat 10.1) run with {@code catalina.sh run} and a {@code CATALINA_BASE} of
 * its own, set up as docs/installed-servers.md says: the package's configuration, the demo's
 * {@code tomcat-users.xml}, the WAR in {@code webapps/}.
 */
final class InstalledTomcat extends InstalledServer {

    static final Path CATALINA_HOME = Path.of("/usr/share/tomcat10");
    private static final Path MANAGER = Path.of("/usr/share/tomcat10-admin/manager");

    /** The package's HTTP connector, and how docs/installed-servers.md moves it to the loopback interface. */
    static final String CONNECTOR = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";

    private InstalledTomcat(String name) {
        super(name);
    }

    static void assumeInstalled(boolean withManager) {
        Required.assumeInstalled(Files.isExecutable(CATALINA_HOME.resolve("bin/catalina.sh"))
                        && (!withManager || Files.isDirectory(MANAGER)),
                "Debian's Tomcat 10.1 not found in /usr/share/tomcat10" + (withManager ? "(-admin)" : "")
                        + ": install it with `apt-get install tomcat10 tomcat10-admin` (CI does)");
    }

    /** A fresh {@code CATALINA_BASE} under {@code target/installed/name}, with the demo's users; not started. */
    static InstalledTomcat create(String name) {
        InstalledTomcat tomcat = new InstalledTomcat(name);
        try (Stream<Path> files = Files.list(CATALINA_HOME.resolve("etc"))) {
            files.filter(Files::isRegularFile).forEach(file -> copy(file, tomcat.conf(file.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String directory : List.of("webapps", "logs", "work", "temp")) {
            write(tomcat.base.resolve(directory).resolve(".keep"), "");
        }
        String server = read(tomcat.conf("server.xml"));
        // The package's server.xml already turns the shutdown port off; only the HTTP connector moves.
        assertTrue(server.contains("<Server port=\"-1\""), "the package's server.xml has no shutdown port");
        write(tomcat.conf("server.xml"), server.replace(CONNECTOR, connector(tomcat.port)));
        copy(shipped("tomcat/tomcat-users.xml"), tomcat.conf("tomcat-users.xml"));
        return tomcat;
    }

    static String connector(int port) {
        return "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"";
    }

    Path conf(String file) {
        return base.resolve("conf").resolve(file);
    }

    /** Copies the demo WAR to {@code webapps/app.war}: the application {@code /app}. */
    InstalledTomcat deploy(String app) {
        copyWar(base.resolve("webapps"), app + ".war");
        return this;
    }

    /** Writes {@code conf/Catalina/localhost/app.xml}, the application's own context file. */
    InstalledTomcat contextFile(String app, String contextElements) {
        write(conf("Catalina/localhost/" + app + ".xml"), "<Context>\n" + contextElements + "</Context>\n");
        return this;
    }

    /** Adds the package's manager application and a {@code manager-script} user for its text interface. */
    InstalledTomcat withManager(String user, String password) {
        write(conf("Catalina/localhost/manager.xml"),
                "<Context docBase=\"" + MANAGER + "\" antiResourceLocking=\"false\" privileged=\"true\"/>\n");
        String users = read(conf("tomcat-users.xml"));
        write(conf("tomcat-users.xml"), users.replace("</tomcat-users>",
                "  <role rolename=\"manager-script\"/>\n  <user username=\"" + user + "\" password=\"" + password
                        + "\" roles=\"manager-script\"/>\n</tomcat-users>"));
        return this;
    }

    /** {@code catalina.sh run} with {@code CATALINA_OPTS}, output to {@code logs/catalina.out}. */
    InstalledTomcat start(String catalinaOpts) {
        start(List.of(CATALINA_HOME.resolve("bin/catalina.sh").toString(), "run"), Map.of(
                "CATALINA_HOME", CATALINA_HOME.toString(),
                "CATALINA_BASE", base.toString(),
                "CATALINA_OPTS", catalinaOpts,
                "JAVA_HOME", System.getProperty("java.home")));
        return this;
    }

    @Override
    Path console() {
        return base.resolve("logs/catalina.out");
    }

    /** The version Tomcat reports at start, e.g. {@code 10.1.60.0}. */
    String version() {
        Matcher version = Pattern.compile("Server version number:\\s*(\\S+)").matcher(read(console()));
        return version.find() ? version.group(1) : "unknown";
    }

    /** Every log line of this Tomcat so far: {@code catalina.out} and the dated logs next to it. */
    List<String> logLines() {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            return files.filter(file -> !file.getFileName().toString().startsWith("localhost_access_log"))
                    .sorted()
                    .flatMap(file -> read(file).lines().map(line -> file.getFileName() + ": " + line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
