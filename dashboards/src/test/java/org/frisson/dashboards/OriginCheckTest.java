package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest {

    private final OriginCheck check;

    OriginCheckTest() throws Exception {
        check = new OriginCheck(HostAllowList.forBind(InetAddress.getByName("127.0.0.1"), List.of("hall.example.org")));
    }

    @Test
    void theDashboardsOwnOriginPasses() {
        assertTrue(check.allows("http://127.0.0.1:8787", null, "http", 8787));
        assertTrue(check.allows("http://localhost:8787", null, "http", 8787));
        assertTrue(check.allows("http://[::1]:8787", null, "http", 8787));
        assertTrue(check.allows("http://hall.example.org:8787", null, "http", 8787));
        assertTrue(check.allows("http://127.0.0.1", null, "http", 80));
        assertTrue(check.allows("https://127.0.0.1", null, "https", 443));
        assertTrue(check.allows(null, "http://127.0.0.1:8787/listener?token=x", "http", 8787));
    }

    @Test
    void noOriginNorRefererPasses() {
        assertTrue(check.allows(null, null, "http", 8787));
    }

    @Test
    void anotherSiteSchemeOrPortIsRefused() {
        for (String o : List.of("http://evil.example", "http://evil.example:8787", "null", "https://127.0.0.1:8787",
                "http://127.0.0.1:8788", "http://127.0.0.1", "http://user@127.0.0.1:8787", "file:///tmp/x.html",
                "not a url", "http://127.0.0.1.evil.example:8787")) {
            assertFalse(check.allows(o, null, "http", 8787), o);
        }
        assertFalse(check.allows(null, "http://evil.example/page", "http", 8787));
        // the Origin decides when both are there
        assertFalse(check.allows("http://evil.example", "http://127.0.0.1:8787/", "http", 8787));
    }
}
