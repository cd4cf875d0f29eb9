package com.smsbat.chathub.internal.resolution;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts {@code explain(user)} tells: the last users to get one, however many come. */
class PanelVerdictRecentTest {

    private static final int KEPT = 1_000;

    private static PanelVerdict panelFor(String user) {
        return new PanelVerdict(user, "attribute", PanelVerdict.Outcome.PANEL, "");
    }

    private static boolean kept(PanelVerdict.Recent recent, String user) {
        return recent.explain(user).equals(panelFor(user).toString());
    }

    @Test
    void aNewUserBeyondTheBoundEvictsTheLeastRecentlyUsedOne() {
        PanelVerdict.Recent recent = new PanelVerdict.Recent();
        for (int i = 0; i < KEPT; i++) {
            recent.record(panelFor("user" + i));
        }
        recent.record(panelFor("user0"));

        recent.record(panelFor("newcomer"));

        assertTrue(kept(recent, "user0"), "user0 had a page view just now");
        assertTrue(kept(recent, "newcomer"));
        assertEquals("no page has asked for a panel for user \"user1\" recently (the last " + KEPT
                + " users are kept)", recent.explain("user1"));
        for (int i = 2; i < KEPT; i++) {
            assertTrue(kept(recent, "user" + i), "user" + i);
        }
    }
}
