package org.frisson.sim;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One simulated stream's description, built either as a liblsl {@link StreamInfo} for an outlet or as the
 * same XML header for an XDF file (no liblsl needed): name, type, channel count, format, source id, nominal
 * rate, and a {@code <desc>} with the manufacturer, the participant (when the stream is one listener's in a
 * group) and one channel (label, unit, type) per label.
 */
public record StreamSpec(String name, String type, String sourceId, double rate, ChannelFormat format,
                         List<String> labels, String unit, String participant) {

    static final String MANUFACTURER = "Frisson simulator";

    /** A stream of no one participant in particular. */
    public StreamSpec(String name, String type, String sourceId, double rate, ChannelFormat format,
                      List<String> labels, String unit) {
        this(name, type, sourceId, rate, format, labels, unit, "");
    }

    public StreamSpec {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("stream '" + name + "': no channel labels");
        }
    }

    public int channels() {
        return labels.size();
    }

    /** The liblsl description an outlet publishes. */
    public StreamInfo info() {
        StreamInfo.Builder b = StreamInfo.builder(name, type).channelCount(channels()).rate(rate).format(format)
                .sourceId(sourceId).desc("manufacturer", MANUFACTURER);
        if (!participant.isEmpty()) {
            b.desc("participant", participant);
        }
        for (String l : labels) {
            b.channel(l, unit, type);
        }
        return b.build();
    }

    /**
     * The header a recorder writes for this stream, as liblsl lays it out; {@code createdAt} is the stream's
     * creation time on its clock and the uid is derived from the source id, so the same session gives the same header.
     */
    public String headerXml(double createdAt) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n<info>\n");
        element(x, 1, "name", name);
        element(x, 1, "type", type);
        element(x, 1, "channel_count", Integer.toString(channels()));
        element(x, 1, "channel_format", format.lslName());
        element(x, 1, "source_id", sourceId);
        element(x, 1, "nominal_srate", String.format(Locale.ROOT, "%.15f", rate));
        element(x, 1, "version", "1.100000000000000");
        element(x, 1, "created_at", String.format(Locale.ROOT, "%.15f", createdAt));
        element(x, 1, "uid", UUID.nameUUIDFromBytes(sourceId.getBytes(StandardCharsets.UTF_8)).toString());
        element(x, 1, "session_id", "default");
        element(x, 1, "hostname", "frisson-simulator");
        x.append("\t<desc>\n");
        element(x, 2, "manufacturer", MANUFACTURER);
        if (!participant.isEmpty()) {
            element(x, 2, "participant", participant);
        }
        x.append("\t\t<channels>\n");
        for (String l : labels) {
            x.append("\t\t\t<channel>\n");
            element(x, 4, "label", l);
            if (!unit.isEmpty()) {
                element(x, 4, "unit", unit);
            }
            element(x, 4, "type", type);
            x.append("\t\t\t</channel>\n");
        }
        return x.append("\t\t</channels>\n\t</desc>\n</info>\n").toString();
    }

    private static void element(StringBuilder x, int depth, String tag, String text) {
        x.append("\t".repeat(depth)).append('<').append(tag).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> x.append("&amp;");
                case '<' -> x.append("&lt;");
                case '>' -> x.append("&gt;");
                case '"' -> x.append("&quot;");
                case '\'' -> x.append("&apos;");
                default -> x.append(c);
            }
        }
        x.append("</").append(tag).append(">\n");
    }
}
