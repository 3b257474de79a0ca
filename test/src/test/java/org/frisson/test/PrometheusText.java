package org.frisson.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A strict reading of the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines, and
 * samples {@code name{label="value",...} number}. Any other line fails the test.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    /** Series (name with labels as written) and their values. */
    final Map<String, Double> series = new LinkedHashMap<>();
    /** Declared types by family name. */
    final Map<String, String> types = new LinkedHashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.matches()) {
                    assertTrue(p.types.put(t.group(1), t.group(2)) == null, "TYPE twice for " + t.group(1));
                } else if (!HELP.matcher(line).matches()) {
                    fail("line " + n + " is neither HELP nor TYPE: " + line);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                fail("line " + n + " is not a sample: " + line);
            }
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                String rest = LABEL.matcher(m.group(3)).replaceAll("");
                assertTrue(rest.replace(",", "").isEmpty(), "line " + n + ": bad labels: " + line);
            }
            p.series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), number(m.group(4), line));
        }
        return p;
    }

    private static double number(String s, String line) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    fail("not a number in: " + line);
                    return 0;
                }
        }
    }

    /** Whether any series of metric {@code name} (exact sample name) is present. */
    boolean has(String name) {
        return series.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }

    /** The value of the one series of {@code name} whose labels include {@code labelPart}. */
    double value(String name, String labelPart) {
        var found = series.entrySet().stream()
                .filter(e -> (e.getKey().equals(name) || e.getKey().startsWith(name + "{")) && e.getKey().contains(labelPart))
                .toList();
        assertEquals(1, found.size(), name + " with " + labelPart + ": " + found);
        return found.get(0).getValue();
    }
}
