package org.frisson.xdf;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frisson writes, pyxdf (and Frisson) read: one stream per channel format in one file, with extreme values,
 * multi-byte and long strings, irregular stamps (0 included), chunks over 255 samples, desc channel labels
 * and clock offsets. Values and stamps must come back exactly, headers intact.
 */
class XdfRoundTripTest {

    private static final int CHANNELS = 3;

    @TempDir
    Path dir;

    @Test
    void everyChannelFormatRoundTripsExactlyThroughPyxdf() throws Exception {
        Path file = dir.resolve("formats.xdf");
        SplittableRandom rnd = new SplittableRandom(7);
        Map<ChannelFormat, Object> values = new EnumMap<>(ChannelFormat.class);
        Map<ChannelFormat, double[]> stamps = new EnumMap<>(ChannelFormat.class);
        Map<ChannelFormat, String> headers = new EnumMap<>(ChannelFormat.class);
        Map<ChannelFormat, Integer> ids = new EnumMap<>(ChannelFormat.class);
        int samples = 300 + 7 + 1; // one chunk over 255 samples (4-byte count), then small ones
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            for (ChannelFormat f : ChannelFormat.values()) {
                try (StreamInfo info = StreamInfo.builder("rt-" + f, "Test").channelCount(CHANNELS)
                        .rate(f == ChannelFormat.STRING ? 0 : 250).format(f).sourceId("rt-" + f)
                        .channels(List.of("Fz", "Cz", "Pz"), "microvolts", "EEG")
                        .desc("manufacturer", "Frisson <test> & co").build()) {
                    String xml = info.xml();
                    headers.put(f, xml);
                    ids.put(f, rec.addStream(xml));
                }
                values.put(f, values(f, samples, rnd));
                double[] t = new double[samples];
                t[0] = 0.0;
                for (int i = 1; i < samples; i++) {
                    t[i] = t[i - 1] + 0.004 + rnd.nextDouble() * 1e-3;
                }
                t[samples - 1] = 123456.789012345678;
                stamps.put(f, t);
            }
            for (ChannelFormat f : ChannelFormat.values()) {
                appendIn(rec, ids.get(f), f, values.get(f), stamps.get(f), new int[]{300, 7, 1});
                rec.clockOffset(ids.get(f), 10.0, -0.25);
                rec.clockOffset(ids.get(f), 15.000001, -0.2500004);
            }
        }

        XdfFile mine = XdfReader.read(file, XdfReader.Options.raw());
        assertEquals(List.of(), mine.problems());
        assertEquals("1.0", mine.header().text("version"));
        assertTrue(mine.header().text("datetime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"),
                mine.header().text("datetime"));
        JsonNode theirs = PyXdf.loadOne(false, false, file);
        assertEquals("1.0", theirs.get("header_version").asText());
        assertEquals(ChannelFormat.values().length, theirs.get("streams").size());
        for (ChannelFormat f : ChannelFormat.values()) {
            int k = f.ordinal();
            XdfStream m = mine.streams().get(k);
            JsonNode t = theirs.get("streams").get(k);
            String what = "stream " + f;
            assertEquals(ids.get(f), m.id(), what);
            assertEquals(headers.get(f), m.headerXml(), what + ": header XML stored as given");
            assertEquals("Frisson <test> & co", m.header().text("desc/manufacturer"), what);
            assertEquals(List.of("Fz", "Cz", "Pz"), m.channels().stream().map(c -> c.label()).toList(), what);
            assertEquals("microvolts", m.channels().get(1).unit(), what);
            assertEquals(List.of("Fz", "Cz", "Pz"), labels(t.get("labels")), what + ": labels as pyxdf sees them");
            assertEquals("rt-" + f, t.get("name").asText());
            assertEquals(f.lslName(), t.get("format").asText());

            assertArrayEquals(stamps.get(f), m.stamps(), what + ": stamps read back by Frisson");
            assertArrayEquals(stamps.get(f), PyXdf.doubles(t.get("stamps")), what + ": stamps read by pyxdf");
            assertValuesEqual(what, values.get(f), m.values());
            PyXdfComparison.assertValues(what + " (pyxdf)", t.get("values"), m);

            assertArrayEquals(new double[]{10.0, 15.000001}, PyXdf.doubles(t.get("clock_times")), what);
            assertArrayEquals(new double[]{-0.25, -0.2500004}, PyXdf.doubles(t.get("clock_values")), what);
            assertEquals(String.valueOf(samples), t.get("footer_sample_count").asText(), what + ": footer count");
            assertEquals(0.0, Double.parseDouble(t.get("footer_first_timestamp").asText()), what);
            assertEquals(123456.789012345678, Double.parseDouble(t.get("footer_last_timestamp").asText()), what);
            assertTrue(m.footerXml().contains("<clock_offsets><offset><time>10.0</time><value>-0.25</value></offset>"
                    + "<offset><time>15.000001</time><value>-0.2500004</value></offset></clock_offsets>"), m.footerXml());
        }
        assertEquals(ChannelFormat.values().length * 3, mine.chunkCount(ChunkType.SAMPLES));
        assertEquals(ChannelFormat.values().length * 2, mine.chunkCount(ChunkType.CLOCK_OFFSET));
        assertEquals(ChannelFormat.values().length, mine.chunkCount(ChunkType.STREAM_FOOTER));
        assertEquals(1, mine.chunkCount(ChunkType.FILE_HEADER));
    }

    private static List<String> labels(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Appends the samples in pieces of the given sizes, with the array type a producer of that format uses. */
    private static void appendIn(XdfRecorder rec, int id, ChannelFormat f, Object all, double[] stamps, int[] pieces) {
        int from = 0;
        for (int n : pieces) {
            Object v = Array.newInstance(all.getClass().getComponentType(), n * CHANNELS);
            System.arraycopy(all, from * CHANNELS, v, 0, n * CHANNELS);
            double[] t = java.util.Arrays.copyOfRange(stamps, from, from + n);
            switch (f) {
                case FLOAT32 -> rec.append(id, (float[]) v, t, n);
                case DOUBLE64 -> rec.append(id, (double[]) v, t, n);
                case INT64 -> rec.append(id, (long[]) v, t, n);
                case INT32 -> rec.append(id, (int[]) v, t, n);
                case INT16 -> rec.append(id, (short[]) v, t, n);
                case INT8 -> rec.append(id, (byte[]) v, t, n);
                case STRING -> rec.append(id, (String[]) v, t, n);
            }
            from += n;
        }
    }

    private static Object values(ChannelFormat f, int samples, SplittableRandom rnd) {
        int n = samples * CHANNELS;
        switch (f) {
            case FLOAT32 -> {
                float[] v = new float[n];
                float[] edge = {0f, -0f, 1.5f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL,
                        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : (float) (rnd.nextGaussian() * 100);
                }
                return v;
            }
            case DOUBLE64 -> {
                double[] v = new double[n];
                double[] edge = {0, -0.0, Math.PI, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
                        Double.MIN_NORMAL, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : rnd.nextGaussian() * 1e6;
                }
                return v;
            }
            case INT64 -> {
                long[] v = new long[n];
                long[] edge = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 53, (1L << 53) + 1};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : rnd.nextLong();
                }
                return v;
            }
            case INT32 -> {
                int[] v = new int[n];
                int[] edge = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : rnd.nextInt();
                }
                return v;
            }
            case INT16 -> {
                short[] v = new short[n];
                short[] edge = {0, -1, 1, Short.MIN_VALUE, Short.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : (short) rnd.nextInt();
                }
                return v;
            }
            case INT8 -> {
                byte[] v = new byte[n];
                byte[] edge = {0, -1, 1, Byte.MIN_VALUE, Byte.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : (byte) rnd.nextInt();
                }
                return v;
            }
            default -> {
                String[] v = new String[n];
                String[] edge = {"", "chill_on", "Grüße €", "emoji \uD83C\uDFB5 note", "x".repeat(300) + "é",
                        "<xml> & \"quotes\"\nnew line\ttab", "\u0000nul inside"};
                for (int i = 0; i < n; i++) {
                    v[i] = i < edge.length ? edge[i] : "marker " + rnd.nextInt(1000);
                }
                return v;
            }
        }
    }

    private static void assertValuesEqual(String what, Object expected, Object actual) {
        if (expected instanceof float[] e) {
            float[] a = (float[]) actual;
            assertEquals(e.length, a.length, what);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]), what + ": value " + i);
            }
        } else if (expected instanceof double[] e) {
            assertArrayEquals(e, (double[]) actual, what);
        } else if (expected instanceof long[] e) {
            assertArrayEquals(e, (long[]) actual, what);
        } else if (expected instanceof int[] e) {
            assertArrayEquals(e, (int[]) actual, what);
        } else if (expected instanceof short[] e) {
            assertArrayEquals(e, (short[]) actual, what);
        } else if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else {
            assertArrayEquals((String[]) expected, (String[]) actual, what);
        }
    }
}
