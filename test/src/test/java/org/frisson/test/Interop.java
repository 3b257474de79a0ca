package org.frisson.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the interop tests share: stream shapes, channel descriptions, stamp checks. */
final class Interop {

    /** Stamps must survive the trip, time correction included, to within this (seconds). */
    static final double STAMP_TOLERANCE = 0.001;
    /** How long a peer may take to start (Python, numpy, liblsl) and announce itself. */
    static final Duration PEER_START = Duration.ofSeconds(30);
    /** Bound on each network step (resolve, subscribe, full info). */
    static final double NET_TIMEOUT = 15.0;

    private static final String[] LABELS = {"Fz", "Hautleitf\u00e4higkeit", "Pz", "Oz", "EDA", "ECG", "Resp", "Temp"};
    private static final String[] UNITS = {"\u00b5V", "\u00b5S", "\u00b5V", "\u00b5V", "microsiemens", "mV", "a.u.",
            "\u00b0C"};
    private static final String[] TYPES = {"EEG", "EDA", "EEG", "EEG", "EDA", "ECG", "RESP", "TEMP"};

    /** Escapes everything beyond ASCII, so non-ASCII text reaches the peer intact whatever the locale. */
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Interop() {
    }

    /** One interop case: a stream shape and how many samples to send. */
    record Shape(ChannelFormat format, int channels, double rate, int samples) {
        String streamName() {
            return "Interop " + format + " " + channels + "ch";
        }

        @Override
        public String toString() {
            return format + " x" + channels + (rate > 0 ? " @ " + rate + " Hz" : " irregular") + ", " + samples
                    + " samples";
        }
    }

    static String uniqueId(String what) {
        return "frisson-test-" + what + "-" + UUID.randomUUID();
    }

    /** Channel descriptions for {@code n} channels, with non-ASCII labels and units among them. */
    static List<Channel> channels(int n) {
        List<Channel> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            int k = c % LABELS.length;
            String suffix = c < LABELS.length ? "" : "-" + (c / LABELS.length);
            out.add(new Channel(LABELS[k] + suffix, UNITS[k], TYPES[k]));
        }
        return out;
    }

    /** The {@code --channel-desc} argument of {@code outlet_peer.py}: ASCII-only JSON. */
    static String channelDescArg(List<Channel> channels) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Channel c : channels) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("label", c.label());
            m.put("unit", c.unit());
            m.put("type", c.type());
            list.add(m);
        }
        try {
            return ASCII_JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> labels(List<Channel> channels) {
        return channels.stream().map(Channel::label).toList();
    }

    /** The stamps an outlet peer reported (JSON list). */
    static double[] stamps(JsonNode list) {
        assertTrue(list != null && list.isArray(), "no stamps list: " + list);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).doubleValue();
        }
        return out;
    }

    /** Checks stamps pairwise within {@link #STAMP_TOLERANCE}, reporting the worst one. */
    static void assertStampsMatch(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of stamps");
        int worst = 0;
        double worstErr = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            if (err > worstErr) {
                worst = i;
                worstErr = err;
            }
        }
        if (worstErr > STAMP_TOLERANCE) {
            fail(what + ": stamp " + worst + " is " + actual[worst] + " but " + expected[worst] + " was pushed ("
                    + (actual[worst] - expected[worst]) * 1e3 + " ms off; tolerance " + STAMP_TOLERANCE * 1e3 + " ms)");
        }
    }

    /**
     * Checks two interleaved value lists for exact equality (bit-exact for floats), naming the first
     * difference by sample and channel instead of printing whole lists.
     */
    static void assertValuesEqual(List<Object> expected, List<Object> actual, int channels, String what) {
        for (int k = 0; k < Math.min(expected.size(), actual.size()); k++) {
            if (!Objects.equals(expected.get(k), actual.get(k))) {
                fail(what + ": sample " + k / channels + ", channel " + k % channels + ": expected "
                        + show(expected.get(k)) + " but got " + show(actual.get(k)));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": number of values");
    }

    private static String show(Object v) {
        if (v instanceof String s) {
            return "\"" + s.replace("\n", "\\n") + "\" (" + s.length() + " chars)";
        } else if (v instanceof Float f) {
            return f + " (bits 0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        } else if (v instanceof Double d) {
            return d + " (bits 0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        }
        return v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")");
    }

    /** Finds the one stream with this source_id (the caller closes it). */
    static StreamInfo resolve(String sourceId) {
        return Resolver.first("source_id='" + sourceId + "'", NET_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no stream with source_id '" + sourceId + "' within "
                        + NET_TIMEOUT + " s"));
    }

    /** Command-line arguments describing {@code shape} for {@code outlet_peer.py}. */
    static List<String> outletArgs(Shape shape, String sourceId, List<Channel> channels) {
        List<String> args = new ArrayList<>(List.of("--name", shape.streamName(), "--source-id", sourceId,
                "--format", shape.format().lslName(), "--channels", Integer.toString(shape.channels()),
                "--rate", Double.toString(shape.rate()), "--count", Integer.toString(shape.samples())));
        if (!channels.isEmpty()) {
            args.add("--channel-desc");
            args.add(channelDescArg(channels));
        }
        return args;
    }
}
