package org.frisson.xdf;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.ChannelFormat;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares what {@link XdfReader} read with what pyxdf returned for the same file: the same streams in
 * the same order, values exactly, clock offsets exactly, segments exactly, stamps within a tolerance.
 */
final class PyXdfComparison {

    /** Largest stamp difference seen, and largest relative difference of effective rates. */
    double maxStampDiff;
    double maxRateDiff;
    long stampsCompared;
    /**
     * pyxdf keeps a chunk whose last sample the end of the file cut short (the sample's missing bytes left as
     * whatever its buffer held); Frisson drops such a chunk. Up to this many extra samples at the end of a
     * pyxdf stream are allowed for that, the rest must match.
     */
    int pyxdfTailAllowance;

    void compare(XdfFile mine, JsonNode theirs, double stampTolerance) {
        String file = mine.path().getFileName().toString();
        JsonNode streams = theirs.get("streams");
        assertEquals(streams.size(), mine.streams().size(), file + ": stream count");
        for (int k = 0; k < streams.size(); k++) {
            JsonNode t = streams.get(k);
            XdfStream m = mine.streams().get(k);
            String what = file + " stream " + t.get("id").asLong() + " '" + t.get("name").asText() + "'";
            assertEquals(t.get("id").asLong(), Integer.toUnsignedLong(m.id()), what + ": id (order of headers)");
            assertEquals(t.get("name").asText(), m.name(), what + ": name");
            assertEquals(t.get("format").asText(), m.format().lslName(), what + ": format");
            assertEquals(t.get("channels").asInt(), m.channelCount(), what + ": channels");
            assertEquals(t.get("srate").asDouble(), m.nominalRate(), what + ": nominal rate");
            int extra = t.get("stamps").size() - m.sampleCount();
            if (extra > 0 && extra <= pyxdfTailAllowance) {
                compareValues(what, t.get("values"), m, m.sampleCount() * m.channelCount());
                compareStamps(what, PyXdf.doubles(t.get("stamps")), m, stampTolerance);
                continue;
            }
            assertEquals(t.get("stamps").size(), m.sampleCount(), what + ": samples");
            assertValues(what, t.get("values"), m);
            compareStamps(what, PyXdf.doubles(t.get("stamps")), m, stampTolerance);
            assertArrayEquals(what + ": clock times", PyXdf.doubles(t.get("clock_times")), m.clockTimes());
            assertArrayEquals(what + ": clock values", PyXdf.doubles(t.get("clock_values")), m.clockValues());
            assertEquals(segments(t.get("segments")), m.segments(), what + ": segments");
            assertEquals(segments(t.get("clock_segments")), m.clockSegments(), what + ": clock segments");
            double rt = t.get("effective_srate").asDouble();
            double rd = rt == 0 ? Math.abs(m.effectiveRate()) : Math.abs(m.effectiveRate() - rt) / Math.abs(rt);
            maxRateDiff = Math.max(maxRateDiff, rd);
            assertTrue(rd <= 1e-9, what + ": effective rate " + m.effectiveRate() + ", pyxdf " + rt);
        }
    }

    private void compareStamps(String what, double[] ts, XdfStream m, double stampTolerance) {
        for (int i = 0; i < Math.min(ts.length, m.sampleCount()); i++) {
            double d = Math.abs(ts[i] - m.stamps()[i]);
            maxStampDiff = Math.max(maxStampDiff, d);
            if (!(d <= stampTolerance)) {
                throw new AssertionError(what + ": stamp " + i + " is " + m.stamps()[i] + ", pyxdf has " + ts[i]
                        + " (difference " + d + " > " + stampTolerance + ")");
            }
        }
        stampsCompared += Math.min(ts.length, m.sampleCount());
    }

    private static void assertArrayEquals(String what, double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, what);
    }

    static List<Segment> segments(JsonNode array) {
        List<Segment> out = new ArrayList<>();
        array.forEach(p -> out.add(new Segment(p.get(0).asInt(), p.get(1).asInt())));
        return out;
    }

    /** Every value exactly: strings equal, integers equal, floats bit for bit (NaN equal to NaN). */
    static void assertValues(String what, JsonNode values, XdfStream m) {
        int n = m.sampleCount() * m.channelCount();
        assertEquals(values.size(), n, what + ": value count");
        compareValues(what, values, m, n);
    }

    private static void compareValues(String what, JsonNode values, XdfStream m, int n) {
        for (int k = 0; k < n; k++) {
            int i = k / m.channelCount();
            int c = k % m.channelCount();
            JsonNode v = values.get(k);
            if (m.format() == ChannelFormat.STRING) {
                assertEquals(v.asText(), m.text(i, c), what + ": sample " + i + " channel " + c);
            } else if (m.format() == ChannelFormat.FLOAT32 || m.format() == ChannelFormat.DOUBLE64) {
                double expected = v.asDouble();
                double actual = m.value(i, c);
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                    throw new AssertionError(what + ": sample " + i + " channel " + c + " is " + actual + ", pyxdf has "
                            + expected);
                }
            } else {
                assertEquals(v.asLong(), m.longValue(i, c), what + ": sample " + i + " channel " + c);
            }
        }
    }
}
