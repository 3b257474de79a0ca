package org.frisson.pipeline;

import org.frisson.lsl.StreamXml;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Completes a stored stream header so liblsl accepts it as a stream description: liblsl insists on a uid,
 * a protocol version, a creation time and port numbers, and resolvers only find a stream of their own
 * session ({@code default} unless configured otherwise); headers written by some tools (or cut down by hand)
 * lack them. Everything else of the header, {@code <desc>} included, is kept as recorded.
 */
public final class ReplayHeader {

    private static final String[][] REQUIRED = {
            {"version", "1.1"}, {"created_at", "0"}, {"session_id", "default"}, {"v4data_port", "0"}, {"v4service_port", "0"},
            {"v6data_port", "0"}, {"v6service_port", "0"}};

    private ReplayHeader() {
    }

    /** The header with each required field that is absent or empty filled in ({@code uid}: a fresh one). */
    public static String completed(String source, String xml) {
        StreamXml parsed = StreamXml.parse(source, xml);
        StringBuilder add = new StringBuilder();
        String out = xml;
        if (parsed.text("uid").isEmpty()) {
            out = withoutEmpty(out, "uid");
            add.append("<uid>").append(UUID.randomUUID()).append("</uid>");
        }
        for (String[] f : REQUIRED) {
            if (parsed.text(f[0]).isEmpty()) {
                out = withoutEmpty(out, f[0]);
                add.append('<').append(f[0]).append('>').append(f[1]).append("</").append(f[0]).append('>');
            }
        }
        if (add.length() == 0) {
            return xml;
        }
        int end = out.lastIndexOf("</info>");
        if (end < 0) {
            throw new IllegalArgumentException(source + ": the header's root element is not <info>");
        }
        return out.substring(0, end) + add + out.substring(end);
    }

    private static String withoutEmpty(String xml, String field) {
        return Pattern.compile("<" + field + "\\s*/>|<" + field + ">\\s*</" + field + ">").matcher(xml).replaceFirst("");
    }
}
