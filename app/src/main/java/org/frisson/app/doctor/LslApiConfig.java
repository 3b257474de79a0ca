package org.frisson.app.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * liblsl's configuration file, {@code lsl_api.cfg}, read the way liblsl (1.14 and later) reads it.
 *
 * <p>Where: the file named by {@code LSLAPICFG} (when it names a readable file), then {@code lsl_api.cfg} in the
 * working directory, {@code ~/lsl_api/lsl_api.cfg} ({@code ~} from {@code HOME}, else {@code USERPROFILE}, else
 * {@code HOMEDRIVE}+{@code HOMEPATH}) and {@code /etc/lsl_api/lsl_api.cfg}. The first readable file that parses
 * is used; a file liblsl cannot parse is skipped whole and the search goes on; with none, liblsl's defaults.
 *
 * <p>How: a line whose first character is {@code ;} is a comment; {@code [name]} starting a line opens a
 * section; every other non-blank line must be {@code Key = value} with a key and a value. A line that is none
 * of these, a section without its {@code ]}, a key set twice, and an unknown {@code ResolveScope},
 * {@code IPv6} or {@code log.level} make liblsl reject the whole file. Keys and section names are
 * case-sensitive and unknown ones are ignored; a boolean is true only when it is {@code 1}; a number that does
 * not parse reads as 0; a list must be written {@code {a, b}}, anything else reads as empty.
 *
 * <p>The file is untrusted input: every problem is reported with its file and line, nothing here throws.
 */
public final class LslApiConfig {

    /** Largest file read: a configuration is a few hundred bytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final String WS = " \t\r\n";

    private enum Kind { PORT, INT, NUMBER, BOOL, SET, TEXT, SCOPE, IPV6, LOG_LEVEL }

    /** Every key liblsl 1.18 reads, with its section, and what kind of value it takes. */
    private static final Map<String, Kind> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("ports.MulticastPort", Kind.PORT);
        KEYS.put("ports.BasePort", Kind.PORT);
        KEYS.put("ports.PortRange", Kind.PORT);
        KEYS.put("ports.AllowRandomPorts", Kind.BOOL);
        KEYS.put("ports.IPv6", Kind.IPV6);
        KEYS.put("multicast.ResolveScope", Kind.SCOPE);
        KEYS.put("multicast.ListenAddress", Kind.TEXT);
        KEYS.put("multicast.IPv6MulticastGroup", Kind.TEXT);
        for (String k : List.of("MachineAddresses", "LinkAddresses", "SiteAddresses", "OrganizationAddresses",
                "GlobalAddresses", "AddressesOverride", "Interfaces")) {
            KEYS.put("multicast." + k, Kind.SET);
        }
        KEYS.put("multicast.TTLOverride", Kind.INT);
        KEYS.put("lab.KnownPeers", Kind.SET);
        KEYS.put("lab.SessionID", Kind.TEXT);
        KEYS.put("lab.ResolveOverTCP", Kind.BOOL);
        for (String k : List.of("UseProtocolVersion", "TimerResolution", "MaxCachedQueries", "TimeUpdateMinProbes",
                "TimeProbeCount", "OutletBufferReserveMs", "OutletBufferReserveSamples", "SendSocketBufferSize",
                "InletBufferReserveMs", "InletBufferReserveSamples", "ReceiveSocketBufferSize")) {
            KEYS.put("tuning." + k, Kind.INT);
        }
        for (String k : List.of("WatchdogCheckInterval", "WatchdogTimeThreshold", "SyncSendTimeout", "MulticastMinRTT",
                "MulticastMaxRTT", "UnicastMinRTT", "UnicastMaxRTT", "ContinuousResolveInterval", "TimeUpdateInterval",
                "TimeProbeInterval", "TimeProbeMaxRTT", "SmoothingHalftime")) {
            KEYS.put("tuning." + k, Kind.NUMBER);
        }
        KEYS.put("tuning.ForceDefaultTimestamps", Kind.BOOL);
        KEYS.put("log.level", Kind.LOG_LEVEL);
        KEYS.put("log.file", Kind.TEXT);
    }

    private static final List<String> SCOPES = List.of("machine", "link", "site", "organization", "global");
    private static final List<String> IPV6 = List.of("disable", "disabled", "allow", "allowed", "force", "forced");

    private LslApiConfig() {
    }

    /**
     * One problem on one line.
     *
     * @param line         1-based line number
     * @param text         what is wrong and how liblsl takes it
     * @param rejectsFile  true when liblsl rejects the whole file because of it
     */
    public record Problem(int line, String text, boolean rejectsFile) {
    }

    /**
     * One file as liblsl parses it.
     *
     * @param values   {@code section.Key} to value, in file order
     * @param problems every problem found, in line order
     */
    public record Parsed(Path file, Map<String, String> values, List<Problem> problems) {

        /** True when liblsl would not use this file at all. */
        public boolean rejected() {
            return problems.stream().anyMatch(Problem::rejectsFile);
        }

        /** {@code file:line: text} for each problem. */
        public List<String> describeProblems() {
            return problems.stream().map(p -> file + ":" + p.line() + ": " + p.text()).toList();
        }
    }

    /**
     * A place liblsl looks.
     *
     * @param origin {@code LSLAPICFG}, {@code working directory}, {@code home} or {@code system}
     */
    public record Candidate(Path file, String origin) {
    }

    /**
     * The settings liblsl ends up with (its defaults for what the file does not set).
     *
     * @param knownPeers as liblsl reads {@code [lab] KnownPeers}
     */
    public record Settings(String sessionId, String resolveScope, List<String> knownPeers, int multicastPort,
                           int basePort, int portRange, boolean allowRandomPorts) {

        /** liblsl's own defaults. */
        public static Settings defaults() {
            return from(Map.of());
        }

        static Settings from(Map<String, String> v) {
            return new Settings(v.getOrDefault("lab.SessionID", "default"),
                    v.getOrDefault("multicast.ResolveScope", "site"),
                    parseSet(v.getOrDefault("lab.KnownPeers", "{}")),
                    v.containsKey("ports.MulticastPort") ? port(v.get("ports.MulticastPort")) : 16571,
                    v.containsKey("ports.BasePort") ? port(v.get("ports.BasePort")) : 16572,
                    v.containsKey("ports.PortRange") ? port(v.get("ports.PortRange")) : 32,
                    !v.containsKey("ports.AllowRandomPorts") || "1".equals(v.get("ports.AllowRandomPorts")));
        }

        /** One line: {@code SessionID default, ResolveScope site, KnownPeers {}, BasePort 16572, PortRange 32}. */
        public String describe() {
            return "SessionID " + sessionId + ", ResolveScope " + resolveScope + ", KnownPeers {"
                    + String.join(", ", knownPeers) + "}, BasePort " + basePort + ", PortRange " + portRange;
        }
    }

    /**
     * What liblsl does with the files present.
     *
     * @param searched   every place looked at, in liblsl's order
     * @param inUse      the file liblsl reads, null when it runs on its defaults
     * @param rejected   files found that liblsl cannot parse and skips
     * @param unreadable places that name a file liblsl cannot read, with why ({@code path: reason})
     * @param settings   the resulting settings
     */
    public record Resolution(List<Candidate> searched, Parsed inUse, List<Parsed> rejected, List<String> unreadable,
                             Settings settings) {

        /** {@code /path (LSLAPICFG)} or {@code liblsl's defaults (no lsl_api.cfg found)}. */
        public String source() {
            if (inUse == null) {
                return "liblsl's defaults (no lsl_api.cfg in use)";
            }
            String origin = searched.stream().filter(c -> c.file().equals(inUse.file())).map(Candidate::origin)
                    .findFirst().orElse("");
            return inUse.file() + (origin.isEmpty() ? "" : " (" + origin + ")");
        }
    }

    /**
     * Follows liblsl's search for its configuration.
     *
     * @param env     the environment ({@code LSLAPICFG}, {@code HOME}, ...)
     * @param workDir the working directory ({@code ./lsl_api.cfg}, and relative {@code LSLAPICFG})
     */
    public static Resolution resolve(Map<String, String> env, Path workDir) {
        return resolve(env, workDir, Path.of("/etc/lsl_api/lsl_api.cfg"));
    }

    static Resolution resolve(Map<String, String> env, Path workDir, Path systemFile) {
        List<Candidate> searched = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        String named = env.get("LSLAPICFG");
        if (named != null && named.isEmpty()) {
            unreadable.add("LSLAPICFG is set but empty");
        } else if (named != null) {
            try {
                searched.add(new Candidate(workDir.resolve(named), "LSLAPICFG"));
            } catch (InvalidPathException e) {
                unreadable.add("LSLAPICFG='" + named + "': not a valid path (" + e.getReason() + ")");
            }
        }
        searched.add(new Candidate(workDir.resolve("lsl_api.cfg"), "working directory"));
        Path home = home(env);
        if (home != null) {
            searched.add(new Candidate(home.resolve("lsl_api").resolve("lsl_api.cfg"), "home"));
        }
        searched.add(new Candidate(systemFile, "system"));

        Parsed inUse = null;
        List<Parsed> rejected = new ArrayList<>();
        for (Candidate c : searched) {
            boolean explicit = c.origin().equals("LSLAPICFG");
            if (!explicit && !Files.exists(c.file())) {
                continue;
            }
            String why = unreadableReason(c.file());
            if (why != null) {
                unreadable.add(c.file() + (explicit ? " (named by LSLAPICFG)" : "") + ": " + why);
                continue;
            }
            Parsed p;
            try {
                p = parse(c.file(), read(c.file()));
            } catch (IOException e) {
                unreadable.add(c.file() + ": cannot be read (" + e.getMessage() + ")");
                continue;
            }
            if (p.rejected()) {
                rejected.add(p);
                continue;
            }
            inUse = p;
            break;
        }
        return new Resolution(List.copyOf(searched), inUse, List.copyOf(rejected), List.copyOf(unreadable),
                inUse == null ? Settings.defaults() : Settings.from(inUse.values()));
    }

    /** The home directory as liblsl finds it, or null. */
    static Path home(Map<String, String> env) {
        try {
            if (env.get("HOME") != null) {
                return Path.of(env.get("HOME"));
            }
            if (env.get("USERPROFILE") != null) {
                return Path.of(env.get("USERPROFILE"));
            }
            if (env.get("HOMEDRIVE") != null && env.get("HOMEPATH") != null) {
                return Path.of(env.get("HOMEDRIVE") + env.get("HOMEPATH"));
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    private static String unreadableReason(Path file) {
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "a directory, not a file";
        }
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "not readable (permissions)";
        }
        return null;
    }

    /** The file's text; bytes are taken one per character, so no encoding can fail. */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB, not a configuration file");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Parses {@code text} as liblsl parses {@code file}. */
    public static Parsed parse(Path file, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int nr = i + 1;
            if (line.startsWith(";") || strip(line).isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) {
                    problems.add(new Problem(nr, "'" + shown(line) + "' has no closing ] for its section", true));
                    continue;
                }
                section = line.substring(1, close) + ".";
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(new Problem(nr, notKeyValue(line), true));
                continue;
            }
            String key = strip(line.substring(0, eq));
            String value = strip(line.substring(eq + 1));
            if (key.isEmpty()) {
                problems.add(new Problem(nr, "'" + shown(line) + "' has no key before '='", true));
                continue;
            }
            if (value.isEmpty()) {
                problems.add(new Problem(nr, key + " has no value after '='", true));
                continue;
            }
            String full = section + key;
            if (values.containsKey(full)) {
                problems.add(new Problem(nr, describeKey(full) + " is set again (first on line " + lineOf.get(full)
                        + ")", true));
                continue;
            }
            values.put(full, value);
            lineOf.put(full, nr);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            Problem p = checkValue(e.getKey(), e.getValue(), lineOf.get(e.getKey()));
            if (p != null) {
                problems.add(p);
            }
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return new Parsed(file, values, List.copyOf(problems));
    }

    private static String notKeyValue(String line) {
        String s = strip(line);
        String hint;
        if (line.startsWith("#")) {
            hint = "liblsl takes only ';' at the start of a line as a comment";
        } else if (s.startsWith(";") || s.startsWith("[")) {
            hint = "comments and sections must start at the beginning of the line";
        } else {
            hint = "expected Key = value";
        }
        return "'" + shown(line) + "' is not a setting (" + hint + ")";
    }

    private static Problem checkValue(String full, String value, int line) {
        Kind kind = KEYS.get(full);
        if (kind == null) {
            return new Problem(line, describeKey(full) + " is not a setting liblsl reads, so it is ignored"
                    + suggestion(full), false);
        }
        String k = describeKey(full);
        return switch (kind) {
            case SCOPE -> SCOPES.contains(value) ? null : new Problem(line, k + " = " + value + " is not one of "
                    + String.join(", ", SCOPES), true);
            case IPV6 -> IPV6.contains(value) ? null : new Problem(line, k + " = " + value
                    + " is not disable, allow or force", true);
            case LOG_LEVEL -> {
                long level = leadingInteger(value);
                yield level >= -3 && level <= 9 ? null : new Problem(line, k + " = " + value
                        + " is outside -3..9", true);
            }
            case PORT -> {
                boolean whole = value.matches("[0-9]+");
                long n = whole ? Long.parseLong(value.length() > 9 ? "9999999999" : value) : 0;
                yield whole && n >= 1 && n <= 65535 ? null : new Problem(line, k + " = " + value
                        + " is not a whole number from 1 to 65535; liblsl reads it as " + port(value), false);
            }
            case INT -> value.matches("[+-]?[0-9]+") ? null : new Problem(line, k + " = " + value
                    + " is not a whole number; liblsl reads it as " + leadingInteger(value), false);
            case NUMBER -> isNumber(value) ? null : new Problem(line, k + " = " + value
                    + " is not a number; liblsl reads it as 0", false);
            case BOOL -> value.equals("1") || value.equals("0") ? null : new Problem(line, k + " = " + value
                    + ": liblsl takes only 1 as true, so this reads as false; write 1 or 0", false);
            case SET -> value.length() >= 2 && value.startsWith("{") && value.endsWith("}") ? null
                    : new Problem(line, k + " = " + value + " is not a list in braces; liblsl reads it as empty; "
                    + "write {" + value + "}", false);
            case TEXT -> null;
        };
    }

    /** {@code [ports] PortRange} for {@code ports.PortRange}; a key before any section is shown bare. */
    static String describeKey(String full) {
        int dot = full.indexOf('.');
        return dot < 0 ? full + " (before any [section])" : "[" + full.substring(0, dot) + "] " + full.substring(dot + 1);
    }

    private static String suggestion(String full) {
        int dot = full.indexOf('.');
        String bare = dot < 0 ? full : full.substring(dot + 1);
        for (String known : KEYS.keySet()) {
            if (known.equalsIgnoreCase(full) && !known.equals(full)) {
                return " (names are case-sensitive: " + describeKey(known) + ")";
            }
        }
        for (String known : KEYS.keySet()) {
            int knownDot = known.indexOf('.');
            String knownBare = known.substring(knownDot + 1);
            if (knownBare.equalsIgnoreCase(bare)) {
                return " (liblsl reads " + knownBare + " from [" + known.substring(0, knownDot) + "])";
            }
        }
        return "";
    }

    /** liblsl's reading of a list {@code {a, b}}: entries trimmed, anything not in braces is empty. */
    static List<String> parseSet(String value) {
        List<String> out = new ArrayList<>();
        if (value.length() > 2 && value.startsWith("{") && value.endsWith("}")) {
            for (String s : value.substring(1, value.length() - 1).split(",")) {
                String t = strip(s);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** A port value as liblsl reads it: the leading integer, 0 when there is none, cut to 16 bits. */
    static int port(String value) {
        return (int) (leadingInteger(value) & 0xFFFF);
    }

    /** The leading integer of {@code value} as a C++ stream reads it, 0 when there is none. */
    static long leadingInteger(String value) {
        String s = strip(value);
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (digits < s.length() && Character.isDigit(s.charAt(digits)) && s.charAt(digits) < 128) {
            digits++;
        }
        if (digits == i) {
            return 0;
        }
        String num = s.substring(0, Math.min(digits, i + 12));
        return Long.parseLong(num);
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return !value.endsWith("d") && !value.endsWith("D") && !value.endsWith("f") && !value.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && WS.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && WS.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    /** A line as quoted in a message: trimmed, at most 60 characters, control characters replaced. */
    private static String shown(String line) {
        String s = strip(line);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 60; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 60 ? sb + "..." : sb.toString();
    }
}
