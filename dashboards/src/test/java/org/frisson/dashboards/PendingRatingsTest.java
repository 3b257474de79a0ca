package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRatingsTest {

    @Test
    void oneClaimPerAskAndEveryChangeOfTheListBumpsTheVersion() {
        PendingRatings p = new PendingRatings();
        long v0 = p.snapshot().version();
        assertTrue(p.ask("a"));
        assertTrue(p.ask("b"));
        assertFalse(p.ask("a"), "already pending");
        assertEquals(new PendingRatings.Snapshot(v0 + 2, List.of("a", "b")), p.snapshot());

        assertFalse(p.claim("c"), "never asked");
        assertTrue(p.claim("a"));
        assertFalse(p.claim("a"), "claimed already");
        assertFalse(p.withdraw("a"), "being answered");
        assertEquals(v0 + 2, p.snapshot().version(), "a claim does not change what pages show");
        p.release("a");
        assertTrue(p.claim("a"), "released: pending again");
        p.answered("a");
        assertEquals(new PendingRatings.Snapshot(v0 + 3, List.of("b")), p.snapshot());
        assertFalse(p.claim("a"), "answered");

        p.answered("b");
        assertEquals(List.of("b"), p.list(), "only a claimed answer completes");
        assertTrue(p.withdraw("b"));
        assertFalse(p.claim("b"));
        assertEquals(new PendingRatings.Snapshot(v0 + 4, List.of()), p.snapshot());
    }

    @Test
    void aTrackMustBeAShortSingleLineName() {
        PendingRatings p = new PendingRatings();
        for (String bad : new String[]{null, "", "   ", "two\nlines", "tab\there", "x".repeat(501)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.ask(bad));
            assertTrue(e.getMessage().startsWith("rating: track"), e.getMessage());
        }
        assertTrue(p.ask("x".repeat(500)));
        assertTrue(p.ask("Arvo Pärt – Spiegel im Spiegel 🎻"));
    }
}
