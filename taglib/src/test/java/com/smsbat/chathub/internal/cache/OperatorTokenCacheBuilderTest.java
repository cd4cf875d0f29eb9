package com.smsbat.chathub.internal.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorTokenCacheBuilderTest {

    private final TokenCacheRig rig = new TokenCacheRig();

    private IllegalArgumentException rejection(UnaryOperator<OperatorTokenCache.Builder> setting) {
        return assertThrows(IllegalArgumentException.class, () -> setting.apply(rig.builder()).build());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("lifetime", "PT0S", op(b -> b.lifetime(Duration.ZERO))),
                Arguments.of("refreshAhead", "PT23H50M", op(b -> b.refreshAhead(Duration.ofHours(23).plusMinutes(50)))),
                Arguments.of("refreshAhead", "PT30S", op(b -> b.refreshAhead(Duration.ofSeconds(30)))),
                Arguments.of("safetyMargin", "PT-1S", op(b -> b.safetyMargin(Duration.ofSeconds(-1)))),
                Arguments.of("waitBudget", "PT-0.001S", op(b -> b.waitBudget(Duration.ofMillis(-1)))),
                Arguments.of("maxEntries", "0", op(b -> b.maxEntries(0))),
                Arguments.of("idleExpiry", "PT0S", op(b -> b.idleExpiry(Duration.ZERO))));
    }

    /** Gives each lambda in {@link #invalidSettings} its target type. */
    private static UnaryOperator<OperatorTokenCache.Builder> op(UnaryOperator<OperatorTokenCache.Builder> setting) {
        return setting;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSettings")
    void invalidSettingIsRejectedNamingTheSettingAndItsValue(String setting, String value,
                                                             UnaryOperator<OperatorTokenCache.Builder> configure) {
        String message = rejection(configure).getMessage();

        assertTrue(message.startsWith(setting + " must be"), message);
        assertTrue(message.endsWith("was " + value), message);
    }

    @Test
    void lifetimeOverChatHubs24HourLimitIsRejected() {
        String message = rejection(b -> b.lifetime(Duration.ofHours(24).plusSeconds(1))).getMessage();

        assertTrue(message.startsWith("lifetime must be positive and at most PT24H (ChatHub's limit)"), message);
        assertTrue(message.endsWith("was PT24H1S"), message);
    }

    @Test
    void lifetimeOfExactly24HoursIsAccepted() {
        assertDoesNotThrow(() -> rig.builder().lifetime(Duration.ofHours(24)).build().close());
    }

    @Test
    void defaultsMakeAValidCache() {
        assertDoesNotThrow(() -> OperatorTokenCache.builder(rig.source).build().close());
    }
}
