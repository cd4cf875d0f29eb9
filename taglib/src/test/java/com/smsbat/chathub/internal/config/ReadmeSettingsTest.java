package com.smsbat.chathub.internal.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The settings table of docs/settings.md (the README links to it) is the user's manual: it must list exactly the
 * settings the code reads.
 */
class ReadmeSettingsTest {

    @Test
    void settingsPageTableListsEverySettingWithItsDefault() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "settings.md"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| `chathub."))
                .toList();

        List<String> expected = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String defaultValue = setting.defaultValue().isEmpty() ? "*(empty)*" : "`" + setting.defaultValue() + "`";
            expected.add("| `" + setting.key() + "` | " + defaultValue + " |");
        }
        List<String> actual = rows.stream()
                .map(row -> row.substring(0, row.indexOf(" |", row.indexOf(" | ") + 3) + 2))
                .toList();
        assertEquals(expected, actual);
    }
}
