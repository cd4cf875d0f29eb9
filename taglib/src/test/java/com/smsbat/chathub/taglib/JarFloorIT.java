package com.smsbat.chathub.taglib;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both published jars run on the oldest Java their containers run on: the javax jar on Java 8 (Tomcat 8.5 / 9,
 * Jetty 9.4), the jakarta jar on Java 11 (Tomcat 10.1, Jetty 12). A class compiled for a newer Java would fail
 * there with UnsupportedClassVersionError at first use; here it fails the build.
 */
class JarFloorIT {

    @ParameterizedTest(name = "{0} jar: Java {1}")
    @CsvSource({"javax, 8", "jakarta, 11"})
    void everyClassRunsOnItsJarsOldestJava(String variant, int javaVersion) throws IOException {
        int highestMajor = javaVersion + 44;
        Map<String, Integer> tooNew = new TreeMap<>();
        int classes = 0;
        try (ZipFile jar = new ZipFile(System.getProperty("chathub.test." + variant + "-library"))) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes++;
                try (InputStream in = jar.getInputStream(entry)) {
                    DataInputStream data = new DataInputStream(in);
                    assertEquals(0xCAFEBABE, data.readInt(), entry.getName());
                    data.readUnsignedShort();
                    int major = data.readUnsignedShort();
                    if (major > highestMajor) {
                        tooNew.put(entry.getName(), major);
                    }
                }
            }
        }
        assertTrue(classes > 50, "only " + classes + " classes in the " + variant + " jar");
        assertEquals(Map.of(), tooNew, "class-file major versions above " + highestMajor + " (Java " + javaVersion + ")");
    }
}
