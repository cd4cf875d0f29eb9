package com.smsbat.chathub.taglib;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published javax jar itself: no Jakarta name left in it, descriptors of the javax era, and nothing
 * used from the Servlet, JSP, EL or Jackson APIs that Servlet 3.1 / JSP 2.3 / EL 3.0 and Jackson 2.9 lack. Runs in
 * the Tomcat 8.5 execution, whose classpath holds exactly those APIs (Tomcat 8.5's own, jackson 2.9.10) and the
 * javax jar.
 */
class JavaxJarIT {

    private static final Map<String, byte[]> ENTRIES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (ZipFile jar = new ZipFile(System.getProperty("chathub.test.javax-library"))) {
            for (var entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                ENTRIES.put(entry.getName(), jar.getInputStream(entry).readAllBytes());
            }
        }
        assertTrue(ENTRIES.containsKey("com/smsbat/chathub/taglib/ChatHubFilter.class"), ENTRIES.keySet()::toString);
    }

    @Test
    void noEntryNamesJakarta() {
        List<String> naming = ENTRIES.entrySet().stream()
                .filter(entry -> {
                    // Class files keep names in modified UTF-8, which is ASCII for these.
                    String text = new String(entry.getValue(), StandardCharsets.ISO_8859_1);
                    return text.contains("jakarta/") || text.contains("jakarta.");
                })
                .map(Map.Entry::getKey)
                .toList();

        assertEquals(List.of(), naming);
    }

    @Test
    void tagLibraryDescriptorIsJsp21() throws Exception {
        assertSchema("META-INF/chathub.tld", "http://java.sun.com/xml/ns/javaee", "web-jsptaglibrary_2_1.xsd", "2.1");
    }

    @Test
    void webFragmentIsServlet40() throws Exception {
        assertSchema("META-INF/web-fragment.xml", "http://xmlns.jcp.org/xml/ns/javaee", "web-fragment_4_0.xsd", "4.0");
    }

    private static void assertSchema(String entry, String namespace, String schema, String version) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(ENTRIES.get(entry))).getDocumentElement();
        assertEquals(namespace, root.getNamespaceURI());
        assertEquals(namespace + " " + namespace + "/" + schema,
                root.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation"));
        assertEquals(version, root.getAttribute("version"));
    }

    /**
     * What the transformer cannot know: whether the renamed classes, fields and methods exist in the older
     * APIs. A member only Servlet 4+ or Jackson 2.10+ has would fail only when its code path runs; here it fails the
     * build. (The one Servlet 4.0 method the library uses, {@code getHttpServletMapping}, sits in a class of its own
     * that is used only where the container has it.)
     */
    @Test
    void everyServletJspElAndJacksonMemberItUsesExistsInServlet31AndJackson29() throws IOException {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (var entry : ENTRIES.entrySet()) {
            if (!entry.getKey().endsWith(".class")) {
                continue;
            }
            for (String[] reference : references(entry.getValue())) {
                if (entry.getKey().endsWith("/DefaultServletMapping.class")) {
                    continue;
                }
                if (reference[0].startsWith("javax/") || reference[0].startsWith("com/fasterxml/jackson/")
                        || reference[0].startsWith("com/smsbat/")) {
                    checked++;
                    if (!resolves(reference)) {
                        missing.add(String.join(" ", reference) + " (in " + entry.getKey() + ")");
                    }
                }
            }
        }

        assertTrue(checked > 100, "only " + checked + " references checked");
        assertEquals(Set.of(), missing);
    }

    /**
     * The classes ({@code [name]}) and members ({@code [owner, name, descriptor]}, descriptor starting with
     * {@code (} for methods) a class file refers to, read from its constant pool (JVMS §4.4).
     */
    private static List<String[]> references(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipNBytes(8); // magic, minor and major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            tags[i] = in.readUnsignedByte();
            switch (tags[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 3, 4 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.skipNBytes(1);
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tags[i]);
            }
        }
        List<String[]> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 7 && !utf8[first[i]].startsWith("[")) {
                references.add(new String[] {utf8[first[i]]});
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                if (!owner.startsWith("[")) {
                    references.add(new String[] {owner, utf8[first[nameAndType]], utf8[second[nameAndType]]});
                }
            }
        }
        return references;
    }

    private static boolean resolves(String[] reference) {
        Class<?> owner;
        try {
            owner = Class.forName(reference[0].replace('/', '.'), false, JavaxJarIT.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (reference.length == 1) {
            return true;
        }
        String name = reference[1];
        String descriptor = reference[2];
        if ("<init>".equals(name)) {
            return Arrays.stream(owner.getDeclaredConstructors()).anyMatch(c -> descriptor(c, void.class).equals(descriptor));
        }
        return supertypes(owner).anyMatch(type -> descriptor.startsWith("(")
                ? Arrays.stream(type.getDeclaredMethods())
                        .anyMatch(m -> m.getName().equals(name) && descriptor(m, m.getReturnType()).equals(descriptor))
                : Arrays.stream(type.getDeclaredFields())
                        .anyMatch(f -> f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)));
    }

    private static Stream<Class<?>> supertypes(Class<?> type) {
        Stream<Class<?>> parents = Stream.concat(
                Stream.ofNullable(type.isInterface() ? Object.class : type.getSuperclass()),
                Arrays.stream(type.getInterfaces()));
        return Stream.concat(Stream.of(type), parents.flatMap(JavaxJarIT::supertypes));
    }

    private static String descriptor(Executable executable, Class<?> returnType) {
        return Arrays.stream(executable.getParameterTypes()).map(Class::descriptorString)
                .collect(Collectors.joining("", "(", ")")) + returnType.descriptorString();
    }
}
