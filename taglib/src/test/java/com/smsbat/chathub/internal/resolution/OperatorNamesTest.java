package com.smsbat.chathub.internal.resolution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which spellings of a name reach an operator called "Kim" (or "Łukasz"), and which must not. */
class OperatorNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "\u212Aim",          // KELVIN SIGN: NFC itself turns it into K, so it must match nothing
            "\uFF2Bim",          // FULLWIDTH K: NFKC would turn it into K
            "\u041Aim",          // CYRILLIC KA
            "K\u0131m",          // DOTLESS i: full case folding's trouble maker
            "Ki\u200Bm",         // ZERO WIDTH SPACE inside
            "Kim\u00A0x",
    })
    void lookAlikesOfKimAreNotKim(String lookAlike) {
        assertFalse(OperatorNames.same(lookAlike, "Kim"), lookAlike);
        assertFalse(OperatorNames.same("Kim", lookAlike), lookAlike);
    }

    @Test
    void aNameHoldingACanonicalAliasMatchesNotEvenItself() {
        assertFalse(OperatorNames.same("\u212Aim", "\u212Aim"));
    }

    @Test
    void asciiLettersMatchWhateverTheirCaseAndTheSurroundingBlanks() {
        assertTrue(OperatorNames.same("  kim SMITH ", "Kim Smith"));
    }

    @Test
    void otherLettersMatchOnlyInTheirOwnCase() {
        assertTrue(OperatorNames.same("Łukasz", "Łukasz"));
        assertFalse(OperatorNames.same("łukasz", "Łukasz"));
    }

    @Test
    void composedAndDecomposedAccentsAreTheSameName() {
        assertTrue(OperatorNames.same("Ren\u00e9", "Rene\u0301"));
    }

    @Test
    void noNameMatchesNothing() {
        assertFalse(OperatorNames.same(null, null));
        assertFalse(OperatorNames.same(null, "Kim"));
    }

    @Test
    void namedFindsEveryItemOfThatNameInTheirOrderByTheSameComparison() {
        List<String> names = List.of("Kim", "Lee", " kim ", "\u212Aim", "KIM");

        assertEquals(List.of("Kim", " kim ", "KIM"), OperatorNames.named(names, Function.identity(), "kim"));
    }

    @Test
    void aNameHoldingACanonicalAliasNamesNothing() {
        assertEquals(List.of(), OperatorNames.named(List.of("Kim", "\u212Aim"), Function.identity(), "\u212Aim"));
    }
}
