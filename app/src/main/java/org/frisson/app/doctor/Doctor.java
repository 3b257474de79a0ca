package org.frisson.app.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a lab needs to know before a session: every check, in order, and how to print them. */
public final class Doctor {

    /** The check names, in the order they run and print. */
    public static final List<String> CHECKS = List.of(JavaCheck.NAME, LiblslCheck.NAME, LslConfigCheck.NAME,
            PortRangeCheck.NAME, DiscoveryCheck.NAME, ModelsCheck.DEFAULTS, ModelsCheck.MUSICNN, ModelsCheck.ENCODEC,
            AudioCheck.NAME, DashboardPortCheck.NAME, DiskCheck.NAME);

    private Doctor() {
    }

    /**
     * Where and for what to check.
     *
     * @param home    Frisson's home (models, {@code .frisson/})
     * @param workDir the working directory (where liblsl looks for {@code lsl_api.cfg}, where recordings land)
     * @param env     the environment liblsl reads ({@code LSLAPICFG}, {@code HOME})
     * @param outlets the outlets expected on this machine
     */
    public record Settings(Path home, Path workDir, Map<String, String> env, PortRangeCheck.Outlets outlets) {
    }

    /** Runs every check. */
    public static List<Check> run(Settings s) {
        List<Check> out = new ArrayList<>();
        out.add(JavaCheck.run());
        Check liblsl = LiblslCheck.run();
        out.add(liblsl);
        LslApiConfig.Resolution cfg = LslApiConfig.resolve(s.env(), s.workDir());
        out.add(LslConfigCheck.evaluate(cfg));
        out.add(PortRangeCheck.evaluate(s.outlets(), cfg));
        out.add(DiscoveryCheck.run(LiblslCheck.usable(liblsl), cfg.settings()));
        out.add(ModelsCheck.defaults(s.home()));
        out.add(ModelsCheck.musicnn(s.home()));
        out.add(ModelsCheck.encodec(s.home()));
        out.add(AudioCheck.run());
        out.add(DashboardPortCheck.run());
        out.add(DiskCheck.run(s.workDir(), s.home()));
        return out;
    }

    /** 1 when any check failed (something blocks a session), else 0: warnings alone do not. */
    public static int exitCode(List<Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL) ? 1 : 0;
    }

    /** One line per check: status, name, what was found and, when not ok, the fix; then a summary line. */
    public static List<String> text(List<Check> checks) {
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Check c : checks) {
            lines.add(String.format("%-4s  %-" + width + "s  %s%s", c.status().label(), c.name(), c.message(),
                    c.fix() == null ? "" : "  -- fix: " + c.fix()));
        }
        long warn = checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
        long fail = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        lines.add(fail > 0 ? fail + " FAIL, " + warn + " warn: not ready for a session"
                : warn > 0 ? warn + " warn, no FAIL: ready for a session (see the warnings)" : "all ok: ready for a session");
        return lines;
    }

    /** The checks as a JSON array of {@code {check, status, message, fix}}. */
    public static String json(List<Check> checks) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode arr = mapper.createArrayNode();
        for (Check c : checks) {
            ObjectNode o = arr.addObject();
            o.put("check", c.name());
            o.put("status", c.status().label());
            o.put("message", c.message());
            o.put("fix", c.fix());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
