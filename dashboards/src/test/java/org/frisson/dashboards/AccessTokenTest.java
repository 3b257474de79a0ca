package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokenTest {

    @Test
    void onlyTheTokenItselfMatches() {
        AccessToken t = AccessToken.random();
        assertEquals(43, t.value().length(), "256 bits, URL-safe base64");
        assertTrue(t.value().matches("[A-Za-z0-9_-]+"));
        assertTrue(t.matches(t.value()));
        assertFalse(t.matches(null));
        assertFalse(t.matches(""));
        assertFalse(t.matches(t.value().substring(1)));
        assertFalse(t.matches(t.value() + "x"));
        char last = t.value().charAt(42);
        assertFalse(t.matches(t.value().substring(0, 42) + (last == 'A' ? 'B' : 'A')));
        assertNotEquals(t.value(), AccessToken.random().value());
    }
}
