package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.doctor.Doctor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code frisson doctor} in its own JVM: on this machine, and with lsl_api.cfg files named by LSLAPICFG. */
class DoctorCliTest {

    private static final Duration BOUND = Duration.ofSeconds(120);
    /** A machine-only configuration, so discovery does not depend on the network. */
    private static final String MACHINE_ONLY = """
            [ports]
            IPv6 = disable
            PortRange = %d
            [multicast]
            ResolveScope = machine
            [lab]
            KnownPeers = {127.0.0.1}
            [log]
            level = -2
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String log) {
    }

    private static Run doctor(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("doctor"));
        cmd.addAll(List.of(args));
        try (FrissonChild child = FrissonChild.start(env, cmd.toArray(String[]::new))) {
            int exit = child.awaitExit(BOUND);
            return new Run(exit, child.log());
        }
    }

    /** The JSON array in the log (liblsl's own log lines, if any, start with a date). */
    private static JsonNode json(String log) throws Exception {
        int start = log.startsWith("[") ? 0 : log.indexOf("\n[") + 1;
        int end = log.lastIndexOf(']');
        assertTrue(start >= 0 && end > start, "no JSON array in:\n" + log);
        return new ObjectMapper().readTree(log.substring(start, end + 1));
    }

    private static JsonNode check(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.path("check").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + checks);
    }

    @Test
    void onThisMachineEveryCheckIsListedAndNothingBlocks() throws Exception {
        Run text = doctor(Map.of());
        assertEquals(0, text.exit(), text.log());
        for (String name : Doctor.CHECKS) {
            assertTrue(text.log().lines().anyMatch(l -> l.matches("(ok|warn|FAIL) +" + name + "  .*")),
                    "no line for " + name + " in:\n" + text.log());
        }
        assertFalse(text.log().contains("Exception"), text.log());

        Run json = doctor(Map.of(), "--json");
        assertEquals(0, json.exit(), json.log());
        JsonNode checks = json(json.log());
        List<String> names = new ArrayList<>();
        for (JsonNode c : checks) {
            names.add(c.path("check").asText());
            String status = c.path("status").asText();
            assertTrue(Set.of("ok", "warn", "FAIL").contains(status), c.toString());
            assertFalse(status.equals("FAIL"), c.toString());
            assertEquals(status.equals("ok"), c.path("fix").isNull(), c.toString());
            assertFalse(c.path("message").asText().isBlank(), c.toString());
        }
        assertEquals(Doctor.CHECKS, names);
        assertEquals("ok", check(checks, "liblsl").path("status").asText());
        assertEquals("ok", check(checks, "discovery").path("status").asText());
    }

    @Test
    void morePortsThanPortRangeIsAWarningNamingPortRange() throws Exception {
        Path cfg = dir.resolve("lsl_api.cfg");
        Files.writeString(cfg, MACHINE_ONLY.formatted(4));
        Run run = doctor(Map.of("LSLAPICFG", cfg.toString()), "--outlets", "8", "--json");
        assertEquals(0, run.exit(), run.log());
        JsonNode checks = json(run.log());
        assertTrue(check(checks, "lsl config").path("message").asText().contains("liblsl reads " + cfg + " (LSLAPICFG)"),
                run.log());
        JsonNode ports = check(checks, "lsl ports");
        assertEquals("warn", ports.path("status").asText(), ports.toString());
        assertTrue(ports.path("message").asText().contains("8 outlets expected (--outlets) exceed PortRange 4"),
                ports.toString());
        assertTrue(ports.path("fix").asText().contains("raise PortRange in " + cfg), ports.toString());

        Run enough = doctor(Map.of("LSLAPICFG", cfg.toString()), "--outlets", "4", "--json");
        assertEquals("ok", check(json(enough.log()), "lsl ports").path("status").asText(), enough.log());
    }

    @Test
    void aMalformedConfigIsNamedWithItsLineAndLiblslsFallbackIsShown() throws Exception {
        Path bad = dir.resolve("bad.cfg");
        Files.writeString(bad, "[ports]\nPortRange 64\n");
        Path home = dir.resolve("home");
        Path fallback = home.resolve("lsl_api/lsl_api.cfg");
        Files.createDirectories(fallback.getParent());
        Files.writeString(fallback, MACHINE_ONLY.formatted(1024));
        Run run = doctor(Map.of("LSLAPICFG", bad.toString(), "HOME", home.toString()));
        assertEquals(0, run.exit(), run.log());
        String line = run.log().lines().filter(l -> l.matches("\\S+ +lsl config  .*")).findFirst().orElse(null);
        assertNotNull(line, run.log());
        assertTrue(line.startsWith("warn"), line);
        assertTrue(line.contains(bad + ":2: 'PortRange 64' is not a setting"), line);
        assertTrue(line.contains("liblsl skips " + bad + " whole"), line);
        assertTrue(line.contains("liblsl reads " + fallback + " (home)"), line);
        assertTrue(line.contains("fix: correct " + bad + " at line 2"), line);
        assertFalse(run.log().contains("Exception") || run.log().contains("\tat "), run.log());
    }

    @Test
    void anLslapicfgThatCannotBeReadBlocks() throws Exception {
        Path missing = dir.resolve("missing.cfg");
        Run run = doctor(Map.of("LSLAPICFG", missing.toString()), "--json");
        JsonNode c = check(json(run.log()), "lsl config");
        assertEquals("FAIL", c.path("status").asText(), run.log());
        assertTrue(c.path("message").asText().contains(missing + " (named by LSLAPICFG): no such file"), c.toString());
        assertEquals(1, run.exit(), run.log());
    }
}
