package com.smsbat.chathub.testing;

import com.smsbat.chathub.client.OperatorToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A web application laid out on disk the way users deploy ours: the library as a jar in
 * {@code WEB-INF/lib} (so TLD and web-fragment discovery are the containers' real ones), plus the
 * JSPs, descriptors and users a test names. Containers load classes parent-first, so classes seen by
 * the webapp and by the test are the same.
 *
 * <p>In the javax variant's test runs the system property {@code chathub.test.javax-library} names the
 * javax jar: that jar is deployed (and is on the test classpath in place of the library's classes), and
 * descriptors are written for Servlet 4.0.
 */
public final class TestWebapp {

    /** A security constraint on {@code /secure/*} for role {@code operator}, BASIC auth. */
    public static final String SECURE_BASIC = """
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>secure</web-resource-name>
                  <url-pattern>/secure/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>operator</role-name></auth-constraint>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
                <realm-name>test</realm-name>
              </login-config>
              <security-role><role-name>operator</role-name></security-role>
            """;

    private static final String JAVAX_LIBRARY = System.getProperty("chathub.test.javax-library");

    private static Path libraryJar;

    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<User> users = new ArrayList<>();
    private final List<Path> libraries = new ArrayList<>();
    private String contextPath = "/app";
    private boolean withLibrary = true;
    private boolean isolated;

    record User(String name, String password, List<String> roles) {
    }

    public static TestWebapp create() {
        return new TestWebapp();
    }

    /** Writes {@code WEB-INF/web.xml} as a Servlet 6.0 descriptor (4.0 for the javax variant) around {@code body}. */
    public TestWebapp webXml(String body) {
        String schema = JAVAX_LIBRARY == null
                ? "xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\" xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\""
                : "xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"4.0\" xsi:schemaLocation=\"http://xmlns.jcp.org/xml/ns/javaee http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd\"";
        return file("WEB-INF/web.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" %s>
                %s
                </web-app>
                """.formatted(schema, body));
    }

    /** Marks the {@code web.xml} written so far {@code metadata-complete="true"}: containers then ignore fragments. */
    public TestWebapp metadataComplete() {
        files.computeIfPresent("WEB-INF/web.xml",
                (path, xml) -> xml.replaceFirst("<web-app ", "<web-app metadata-complete=\"true\" "));
        return this;
    }

    public TestWebapp file(String path, String content) {
        files.put(path, content);
        return this;
    }

    public TestWebapp user(String name, String password, String... roles) {
        users.add(new User(name, password, List.of(roles)));
        return this;
    }

    public TestWebapp contextPath(String path) {
        this.contextPath = path;
        return this;
    }

    /** Puts {@code jar} into {@code WEB-INF/lib} beside the library, as an application's own dependency. */
    public TestWebapp library(Path jar) {
        libraries.add(jar);
        return this;
    }

    /** Leaves the library jar out, for tests of what an app without it looks like. */
    public TestWebapp withoutLibrary() {
        this.withLibrary = false;
        return this;
    }

    /**
     * Loads the library's classes from {@code WEB-INF/lib} only, child-first, as a server whose own class path
     * does not have the library: where a container asks which jar an initializer came from (to apply an
     * {@code <absolute-ordering>}) it then gets the real answer. Only for applications that share no classes
     * with the test (no test servlets or resolvers).
     */
    public TestWebapp isolatedLibrary() {
        this.isolated = true;
        return this;
    }

    boolean isolated() {
        return isolated;
    }

    String contextPath() {
        return contextPath;
    }

    List<User> users() {
        return users;
    }

    /** Writes the webapp into a fresh temporary directory and returns it. */
    Path materialize() {
        try {
            Path root = Files.createTempDirectory("chathub-webapp");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
            if (withLibrary) {
                Files.copy(libraryJar(), lib.resolve("chathub-taglib.jar"));
            }
            for (Path jar : libraries) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the test JVM's class path has the library: its classes directory, or the javax jar. */
    static URL libraryLocation() {
        return OperatorToken.class.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The library's compiled classes and resources, packed once per test JVM like the real jar; or the javax jar. */
    static synchronized Path libraryJar() throws IOException {
        if (JAVAX_LIBRARY != null) {
            return Path.of(JAVAX_LIBRARY);
        }
        if (libraryJar == null) {
            Path classes;
            try {
                classes = Path.of(libraryLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Path jar = Files.createTempFile("chathub-taglib", ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                    String name = classes.relativize(path).toString().replace('\\', '/');
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (Files.isDirectory(path)) {
                        out.putNextEntry(new JarEntry(name + "/"));
                    } else {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(path, out);
                    }
                    out.closeEntry();
                }
            }
            jar.toFile().deleteOnExit();
            libraryJar = jar;
        }
        return libraryJar;
    }
}
