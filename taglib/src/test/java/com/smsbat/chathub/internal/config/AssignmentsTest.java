package com.smsbat.chathub.internal.config;

import com.smsbat.chathub.resolver.OperatorAssignment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator lists users are given in the mapping file and in session attributes. */
class AssignmentsTest {

    @Test
    void oneOperatorPerOrganizationInTheOrderWritten() {
        assertEquals(List.of(new OperatorAssignment(31, 201), new OperatorAssignment(24, 101)),
                Assignments.parse("31:201, 24:101", null));
    }

    @Test
    void aBareOperatorIdBelongsToTheDefaultOrganization() {
        assertEquals(List.of(new OperatorAssignment(24, 101), new OperatorAssignment(31, 201)),
                Assignments.parse("101,31:201", 24L));
    }

    @Test
    void emptyEntriesAreSkipped() {
        assertEquals(List.of(new OperatorAssignment(24, 101)), Assignments.parse(" ,24:101,, ", null));
        assertEquals(List.of(), Assignments.parse("", null));
    }

    @Test
    void twoOperatorsForOneOrganizationAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Assignments.parse("24:101,24:102", null));

        assertEquals("two operators for organization 24", refused.getMessage());
    }

    @Test
    void aBareOperatorIdWithoutDefaultOrganizationSaysHowToFixIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Assignments.parse("101", null));

        assertTrue(refused.getMessage().contains("chathub.organization"), refused.getMessage());
    }

    @Test
    void somethingThatIsNotAnIdNamesTheEntry() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Assignments.parse("24:101, 31:abc", null));

        assertEquals("\"31:abc\" is not operatorId or organizationId:operatorId", refused.getMessage());
    }
}
