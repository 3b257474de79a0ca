package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Outlet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The deterministic samples both sides of an interop test agree on, boxed so that one
 * {@code assertEquals} on two lists compares them exactly ({@link Float#equals} and {@link Double#equals}
 * compare bits).
 *
 * <p>{@link #value} must stay in step with {@code value()} in {@code test/python/outlet_peer.py}: every
 * arithmetic step is a single correctly rounded IEEE operation (or integer arithmetic), so both
 * languages produce the same bits.
 */
final class SampleValues {

    /** Marker texts; the empty one stays empty, the others get " #&lt;sample&gt;" appended. */
    static final String[] MARKERS = {"chill_on", "chill_off", "frisson \u2014 \u00a1s\u00ed! \u97f3\u697d", "",
            "score \uD83C\uDFB5 \uD834\uDD1E", "comma, \"quoted\"", "two\nlines"};

    private SampleValues() {
    }

    /** Channel {@code c} of sample {@code i} of a stream with {@code channels} channels. */
    static Object value(ChannelFormat format, int i, int c, int channels) {
        long k = (long) i * channels + c;
        long n = (k * 7919) % 2000003 - 1000001;
        return switch (format) {
            case FLOAT32 -> (float) n / 3f;
            case DOUBLE64 -> k % 3 == 0 ? n / 3.0 : k % 3 == 1 ? n * 1e-300 / 7.0 : n * 1e300 / 7.0;
            case INT64 -> k * 0x9E3779B97F4A7C15L;
            case INT32 -> (int) (k * 0x9E3779B9L);
            case INT16 -> (short) ((k * 7919) % 65536 - 32768);
            case INT8 -> (byte) ((k * 37) % 256 - 128);
            case STRING -> {
                String m = MARKERS[i % MARKERS.length];
                if (!m.isEmpty()) {
                    m += " #" + i;
                }
                yield c == 0 ? m : m + " /" + c;
            }
        };
    }

    /** All values of {@code samples} samples, channel-interleaved. */
    static List<Object> expected(ChannelFormat format, int samples, int channels) {
        List<Object> all = new ArrayList<>(samples * channels);
        for (int i = 0; i < samples; i++) {
            for (int c = 0; c < channels; c++) {
                all.add(value(format, i, c, channels));
            }
        }
        return all;
    }

    /**
     * For int64: how many of these values a double cannot hold exactly (beyond 2^53), so a path that went
     * through floating point would change them. Other formats: 0.
     */
    static long beyondDoublePrecision(List<Object> values) {
        return values.stream().filter(v -> v instanceof Long l && (long) (double) l != l).count();
    }

    /**
     * One pull of up to {@code stamps.length} samples into {@code into} (boxed, interleaved), through the
     * pull overload of the inlet's own format. Returns the number of samples pulled.
     */
    static int pull(Inlet inlet, double[] stamps, double timeoutSeconds, List<Object> into) {
        int ch = inlet.channelCount();
        int cap = stamps.length * ch;
        switch (inlet.format()) {
            case FLOAT32 -> {
                float[] b = new float[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case DOUBLE64 -> {
                double[] b = new double[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case INT64 -> {
                long[] b = new long[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case INT32 -> {
                int[] b = new int[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case INT16 -> {
                short[] b = new short[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case INT8 -> {
                byte[] b = new byte[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            case STRING -> {
                String[] b = new String[cap];
                int n = inlet.pull(b, stamps, timeoutSeconds);
                for (int k = 0; k < n * ch; k++) {
                    into.add(b[k]);
                }
                return n;
            }
            default -> throw new IllegalArgumentException(String.valueOf(inlet.format()));
        }
    }

    /** Pushes samples {@code first .. first+count-1} of {@code values} (interleaved) with their stamps. */
    static void push(Outlet outlet, List<Object> values, int first, int count, double[] allStamps) {
        int ch = outlet.info().channelCount();
        double[] ts = new double[count];
        System.arraycopy(allStamps, first, ts, 0, count);
        List<Object> part = values.subList(first * ch, (first + count) * ch);
        int n = part.size();
        switch (outlet.info().format()) {
            case FLOAT32 -> {
                float[] b = new float[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Float) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case DOUBLE64 -> {
                double[] b = new double[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Double) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case INT64 -> {
                long[] b = new long[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Long) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case INT32 -> {
                int[] b = new int[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Integer) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case INT16 -> {
                short[] b = new short[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Short) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case INT8 -> {
                byte[] b = new byte[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (Byte) part.get(k);
                }
                outlet.push(b, count, ts);
            }
            case STRING -> outlet.push(part.toArray(new String[0]), count, ts);
            default -> throw new IllegalArgumentException(String.valueOf(outlet.info().format()));
        }
    }

    /** A value as a Python peer reported it in JSON, boxed like {@link #value}. */
    static Object fromJson(ChannelFormat format, JsonNode node) {
        switch (format) {
            case FLOAT32, DOUBLE64 -> {
                assertTrue(node.isNumber(), "not a number: " + node);
                double d = node.doubleValue();
                return format == ChannelFormat.FLOAT32 ? (Object) (float) d : (Object) d;
            }
            case STRING -> {
                assertTrue(node.isTextual(), "not a string: " + node);
                return node.textValue();
            }
            default -> {
                assertTrue(node.isIntegralNumber() && node.canConvertToLong(), "not a 64-bit integer: " + node);
                long v = node.longValue();
                return switch (format) {
                    case INT64 -> v;
                    case INT32 -> narrow(v, Integer.MIN_VALUE, Integer.MAX_VALUE, (int) v);
                    case INT16 -> narrow(v, Short.MIN_VALUE, Short.MAX_VALUE, (short) v);
                    case INT8 -> narrow(v, Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) v);
                    default -> throw new IllegalArgumentException(String.valueOf(format));
                };
            }
        }
    }

    /** A value as {@code frisson echo} printed it (shortest round-trip text), boxed like {@link #value}. */
    static Object parse(ChannelFormat format, String text) {
        return switch (format) {
            case FLOAT32 -> Float.parseFloat(text);
            case DOUBLE64 -> Double.parseDouble(text);
            case INT64 -> Long.parseLong(text);
            case INT32 -> Integer.parseInt(text);
            case INT16 -> Short.parseShort(text);
            case INT8 -> Byte.parseByte(text);
            case STRING -> text;
        };
    }

    private static Object narrow(long v, long min, long max, Object boxed) {
        if (v < min || v > max) {
            fail("value " + v + " out of range [" + min + ", " + max + "]");
        }
        return boxed;
    }
}
