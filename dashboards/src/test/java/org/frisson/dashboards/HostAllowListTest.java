package org.frisson.dashboards;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostAllowListTest {

    private static HostAllowList bound(String bind, String... extra) throws Exception {
        return HostAllowList.forBind(InetAddress.getByName(bind), List.of(extra));
    }

    @Test
    void theLoopbackIsAlwaysAllowedWithAnyPortInAnyCase() throws Exception {
        HostAllowList hosts = bound("127.0.0.1");
        for (String h : List.of("localhost", "LocalHost:8787", "127.0.0.1", "127.0.0.1:1", "127.0.0.2:8787",
                "127.255.3.4", "[::1]", "[::1]:8787", "[0:0:0:0:0:0:0:1]:80")) {
            assertTrue(hosts.allows(h), h);
        }
    }

    @Test
    void anyOtherHostIsRefused() throws Exception {
        HostAllowList hosts = bound("127.0.0.1");
        assertFalse(hosts.allows(null), "no Host");
        for (String h : List.of("", "evil.example", "evil.example:8787", "localhost.evil.example",
                "127.0.0.1.evil.example", "10.0.0.1", "[::2]", "localhost:x", "localhost:8787:1", "[::1",
                "256.0.0.1", "127.0.0.1 ", "::1")) {
            assertFalse(hosts.allows(h), h);
        }
    }

    @Test
    void boundToAnAddressThatAddressIsAllowedAndNamesGivenToo() throws Exception {
        HostAllowList hosts = bound("127.0.0.1", "Hall.Example.org", "192.0.2.7", "2001:db8::1");
        assertTrue(hosts.allows("hall.example.org:8787"));
        assertTrue(hosts.allows("HALL.EXAMPLE.ORG"));
        assertTrue(hosts.allows("192.0.2.7:8787"));
        assertTrue(hosts.allows("[2001:db8:0::1]:8787"));
        assertFalse(hosts.allows("example.org"));
        assertFalse(hosts.allows("other.hall.example.org"));
        assertFalse(hosts.allows("192.0.2.8"));
        HostAllowList v6 = bound("::1");
        assertTrue(v6.allows("[::1]:8787"));
        assertFalse(v6.allows("[2001:db8::1]"));
    }

    @Test
    void aWildcardAllowsEveryAddressOfThisMachineAndItsName() throws Exception {
        HostAllowList hosts = bound("0.0.0.0");
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                String text = a.getHostAddress().replaceAll("%.*", "");
                String host = text.contains(":") ? "[" + text + "]" : text;
                assertTrue(hosts.allows(host + ":8787"), host);
            }
        }
        assertTrue(hosts.allows(InetAddress.getLocalHost().getHostName()));
        assertFalse(hosts.allows("evil.example"));
    }

    @Test
    void aGivenNameThatIsNeitherNameNorAddressIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bound("127.0.0.1", "hall.example.org:8787"));
        assertTrue(e.getMessage().contains("'hall.example.org:8787'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bound("127.0.0.1", "http://hall.example.org"));
    }

    @Test
    void theHostIsTakenWithoutItsPort() {
        assertEquals("a.example", HostAllowList.hostOf("a.example:80"));
        assertEquals("[::1]", HostAllowList.hostOf("[::1]:80"));
        assertEquals("[::1]", HostAllowList.hostOf("[::1]"));
        assertNull(HostAllowList.hostOf(":80"));
        assertNull(HostAllowList.hostOf("[::1]x"));
        assertNull(HostAllowList.literal("hall.example.org"));
        assertNull(HostAllowList.literal("1.2.3"));
    }
}
