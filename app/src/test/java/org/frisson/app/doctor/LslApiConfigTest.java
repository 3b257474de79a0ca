package org.frisson.app.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lsl_api.cfg read as liblsl reads it: search order, syntax, what it ignores, and the checks built on it. */
class LslApiConfigTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private LslApiConfig.Resolution resolve(Map<String, String> env) {
        return LslApiConfig.resolve(env, dir.resolve("work"), dir.resolve("etc/lsl_api/lsl_api.cfg"));
    }

    @Test
    void aValidFileIsReadWithItsSettings() {
        LslApiConfig.Parsed p = LslApiConfig.parse(Path.of("a.cfg"), """
                ; comment
                [ports]
                IPv6 = disable
                PortRange = 1024\r
                BasePort=17000
                [multicast]
                ResolveScope = machine
                [lab]
                KnownPeers = {127.0.0.1, lab-pc.local}
                SessionID = study42
                """);
        assertEquals(List.of(), p.problems());
        LslApiConfig.Settings s = LslApiConfig.Settings.from(p.values());
        assertEquals(new LslApiConfig.Settings("study42", "machine", List.of("127.0.0.1", "lab-pc.local"), 16571,
                17000, 1024, true), s);
    }

    @Test
    void defaultsAreLiblsls() {
        LslApiConfig.Settings d = LslApiConfig.Settings.defaults();
        assertEquals("default", d.sessionId());
        assertEquals("site", d.resolveScope());
        assertEquals(List.of(), d.knownPeers());
        assertEquals(16572, d.basePort());
        assertEquals(32, d.portRange());
        assertTrue(d.allowRandomPorts());
    }

    @Test
    void linesLiblslCannotParseRejectTheFileAndAreNamedByLine() {
        LslApiConfig.Parsed p = LslApiConfig.parse(Path.of("bad.cfg"), """
                # a comment liblsl does not know
                [ports
                PortRange 64
                [lab]
                SessionID =
                 = x
                SessionID = a
                SessionID = b
                [multicast]
                ResolveScope = Machine
                """);
        assertTrue(p.rejected());
        assertEquals(List.of(1, 2, 3, 5, 6, 8, 10), p.problems().stream().map(LslApiConfig.Problem::line).toList());
        assertTrue(p.problems().stream().allMatch(LslApiConfig.Problem::rejectsFile));
        assertTrue(p.describeProblems().get(0).startsWith("bad.cfg:1: "), p.describeProblems().get(0));
        assertTrue(p.problems().get(0).text().contains("only ';'"), p.problems().get(0).text());
        assertTrue(p.problems().get(5).text().contains("first on line 7"), p.problems().get(5).text());
    }

    @Test
    void settingsLiblslIgnoresOrMisreadsAreWarnedAbout() {
        LslApiConfig.Parsed p = LslApiConfig.parse(Path.of("odd.cfg"), """
                PortRange = 64
                [multicast]
                KnownPeers = {127.0.0.1}
                [Ports]
                BasePort = 17000
                [ports]
                AllowRandomPorts = true
                PortRange = lots
                [lab]
                KnownPeers = 10.0.0.2
                """);
        assertFalse(p.rejected());
        List<String> text = p.problems().stream().map(LslApiConfig.Problem::text).toList();
        assertEquals(6, text.size(), text.toString());
        assertTrue(text.get(0).contains("from [ports]"), text.get(0));
        assertTrue(text.get(1).contains("[multicast] KnownPeers") && text.get(1).contains("from [lab]"), text.get(1));
        assertTrue(text.get(2).contains("case-sensitive: [ports] BasePort"), text.get(2));
        assertTrue(text.get(3).contains("only 1 as true"), text.get(3));
        assertTrue(text.get(4).contains("reads it as 0"), text.get(4));
        assertTrue(text.get(5).contains("write {10.0.0.2}"), text.get(5));
        LslApiConfig.Settings s = LslApiConfig.Settings.from(p.values());
        assertFalse(s.allowRandomPorts());
        assertEquals(List.of(), s.knownPeers());
        assertEquals(16572, s.basePort());
    }

    @Test
    void lslapicfgComesFirstThenTheWorkingDirectoryHomeAndSystem() throws Exception {
        Path etc = write("etc/lsl_api/lsl_api.cfg", "[lab]\nSessionID = etc\n");
        Path home = write("home/lsl_api/lsl_api.cfg", "[lab]\nSessionID = home\n");
        Path work = write("work/lsl_api.cfg", "[lab]\nSessionID = work\n");
        Path named = write("named.cfg", "[lab]\nSessionID = named\n");
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString());

        assertEquals("named", resolve(Map.of("HOME", env.get("HOME"), "LSLAPICFG", named.toString())).settings().sessionId());
        assertEquals("work", resolve(env).settings().sessionId());
        Files.delete(work);
        assertEquals("home", resolve(env).settings().sessionId());
        Files.delete(home);
        LslApiConfig.Resolution r = resolve(env);
        assertEquals(etc, r.inUse().file());
        assertEquals("etc", r.settings().sessionId());
        Files.delete(etc);
        r = resolve(env);
        assertNull(r.inUse());
        assertEquals(LslApiConfig.Settings.defaults(), r.settings());
        assertEquals(Check.Status.OK, LslConfigCheck.evaluate(r).status());
    }

    @Test
    void aRejectedFileIsSkippedForTheNextAndTheCheckNamesFileAndLine() throws Exception {
        Path bad = write("bad.cfg", "[ports]\nPortRange 64\n");
        write("work/lsl_api.cfg", "[lab]\nSessionID = next\n");
        LslApiConfig.Resolution r = resolve(Map.of("LSLAPICFG", bad.toString()));
        assertEquals("next", r.settings().sessionId());
        assertEquals(1, r.rejected().size());
        Check c = LslConfigCheck.evaluate(r);
        assertEquals(Check.Status.WARN, c.status());
        assertTrue(c.message().contains(bad + ":2: 'PortRange 64' is not a setting"), c.message());
        assertTrue(c.fix().contains(bad + " at line 2"), c.fix());
    }

    @Test
    void anUnreadableLslapicfgFailsNamingIt() throws Exception {
        Path missing = dir.resolve("nowhere.cfg");
        Check c = LslConfigCheck.evaluate(resolve(Map.of("LSLAPICFG", missing.toString())));
        assertEquals(Check.Status.FAIL, c.status());
        assertTrue(c.message().contains(missing + " (named by LSLAPICFG): no such file"), c.message());
        Files.createDirectories(dir.resolve("adir"));
        c = LslConfigCheck.evaluate(resolve(Map.of("LSLAPICFG", dir.resolve("adir").toString())));
        assertEquals(Check.Status.FAIL, c.status());
        assertTrue(c.message().contains("a directory"), c.message());
    }

    @Test
    void binaryGarbageIsProblemsNotExceptions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 512; i++) {
            sb.append((char) ((i * 7919) % 256));
        }
        LslApiConfig.Parsed p = LslApiConfig.parse(Path.of("junk.cfg"), sb.toString());
        assertTrue(p.rejected());
        assertTrue(p.describeProblems().get(0).startsWith("junk.cfg:"), p.describeProblems().get(0));
    }

    @Test
    void portRangeAgainstTheOutletsExpected() throws Exception {
        Path cfg = write("work/lsl_api.cfg", "[ports]\nPortRange = 8\n");
        LslApiConfig.Resolution r = resolve(Map.of());
        assertEquals(Check.Status.OK, PortRangeCheck.evaluate(PortRangeCheck.Outlets.given(8), r).status());
        Check c = PortRangeCheck.evaluate(PortRangeCheck.Outlets.given(9), r);
        assertEquals(Check.Status.WARN, c.status());
        assertTrue(c.message().contains("exceed PortRange 8"), c.message());
        assertTrue(c.fix().contains("raise PortRange in " + cfg), c.fix());

        Files.writeString(cfg, "[ports]\nPortRange = 8\nAllowRandomPorts = 0\n");
        c = PortRangeCheck.evaluate(PortRangeCheck.Outlets.given(9), resolve(Map.of()));
        assertEquals(Check.Status.FAIL, c.status());

        c = PortRangeCheck.evaluate(PortRangeCheck.Outlets.fromConfig(dir.resolve("none.yaml")), r);
        assertEquals(Check.Status.WARN, c.status());
        assertTrue(c.fix().contains("--outlets"), c.fix());
    }

    @Test
    void theConcertConfigCountsItsOutputsAndInputs() {
        Path concert = Path.of(System.getProperty("frisson.home", "..")).resolve("configs/concert.yaml");
        PortRangeCheck.Outlets o = PortRangeCheck.Outlets.fromConfig(concert);
        // 6 outputs; 10 GSR + 10 PPG + 10 chill buttons + the music
        assertEquals(37, o.count(), o.source());
    }
}
