package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailedAttemptsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final FailedAttempts attempts = new FailedAttempts(3, 60, now::get);

    @Test
    void anAddressIsBlockedAfterTheLimitUntilItsWindowHasPassed() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, attempts.blockedFor("a"), "failure " + i);
            attempts.failed("a");
            now.addAndGet(10);
        }
        assertEquals(30, attempts.blockedFor("a"), "blocked for what is left of the window begun 30 ago");
        assertEquals(0, attempts.blockedFor("b"), "another address is not");
        now.addAndGet(29);
        assertEquals(1, attempts.blockedFor("a"));
        now.addAndGet(1);
        assertEquals(0, attempts.blockedFor("a"));
        attempts.failed("a");
        assertEquals(0, attempts.blockedFor("a"), "a new window begins");
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBlock() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("a");
            now.addAndGet(30);
            assertEquals(0, attempts.blockedFor("a"), "failure " + i);
        }
    }

    @Test
    void pastTheLimitOfAddressesFurtherOnesShareOneCount() {
        for (int i = 0; i < FailedAttempts.MAX_ADDRESSES; i++) {
            attempts.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        attempts.failed("x1");
        attempts.failed("x2");
        attempts.failed("x3");
        assertTrue(attempts.blockedFor("x4") > 0, "the shared count blocks every further address");
        assertEquals(0, attempts.blockedFor("10.0.0.1"));
        now.addAndGet(60);
        attempts.failed("y");
        assertEquals(0, attempts.blockedFor("y"), "once the old windows have passed, addresses count on their own");
    }
}
