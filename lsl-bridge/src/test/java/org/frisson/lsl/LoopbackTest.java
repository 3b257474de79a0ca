package org.frisson.lsl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Array;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our outlet to our inlet through the real liblsl, for every channel format. */
class LoopbackTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    private Inlet connect(Outlet outlet) {
        String id = outlet.info().sourceId();
        StreamInfo found = keep(Resolver.first("source_id='" + id + "'", 5.0)
                .orElseThrow(() -> new AssertionError("outlet " + id + " not found")));
        Inlet inlet = keep(Inlet.open(found));
        inlet.openStream(5.0);
        assertTrue(outlet.waitForConsumers(5.0), "inlet never connected");
        return inlet;
    }

    private Outlet outlet(ChannelFormat format, int channels, double rate) {
        String id = "loopback-" + UUID.randomUUID();
        StreamInfo info = keep(StreamInfo.builder("Loop " + format, "Test").channelCount(channels).rate(rate)
                .format(format).sourceId(id).build());
        return keep(Outlet.open(info));
    }

    private static double[] stamps(int n, double t0, double rate) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = t0 + i / rate;
        }
        return s;
    }

    /** Pulls exactly {@code n} samples within 10 s using the given pull (returns samples pulled at an offset). */
    private interface Pull {
        int pull(int offsetSamples, double[] stampBuffer);
    }

    private static double[] pullAll(int n, Pull pull) {
        double[] all = new double[n];
        double[] buf = new double[n];
        int got = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got < n && System.nanoTime() < deadline) {
            int k = pull.pull(got, buf);
            System.arraycopy(buf, 0, all, got, k);
            got += k;
        }
        assertEquals(n, got, "samples received");
        return all;
    }

    @Test
    void float32ChunksArriveExactlyWithTheirStamps() {
        int ch = 8, n = 500;
        Outlet out = outlet(ChannelFormat.FLOAT32, ch, 500);
        Inlet in = connect(out);
        float[] sent = new float[n * ch];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = i * 0.25f - 100f;
        }
        double[] ts = stamps(n, Lsl.localClock(), 500);
        out.push(sent, n, ts);
        float[] got = new float[n * ch];
        double[] gotTs = pullAll(n, (off, buf) -> {
            float[] tmp = new float[(n - off) * ch];
            int k = in.pull(tmp, buf, 0.5);
            System.arraycopy(tmp, 0, got, off * ch, k * ch);
            return k;
        });
        assertArrayEquals(sent, got);
        assertArrayEquals(ts, gotTs, 1e-9);
    }

    /** Values at the edges of each format's range, so any truncation or byte-order slip shows. */
    private static Object edgeValues(ChannelFormat format, int n) {
        Object a = switch (format) {
            case DOUBLE64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16 -> new short[n];
            case INT8 -> new byte[n];
            default -> throw new IllegalArgumentException(format.toString());
        };
        for (int i = 0; i < n; i++) {
            switch (format) {
                case DOUBLE64 -> ((double[]) a)[i] = Math.PI * i * 1e-3 - 1e300 * (i % 2);
                case INT64 -> ((long[]) a)[i] = (i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE) / (i + 1);
                case INT32 -> ((int[]) a)[i] = (i % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) / (i + 1);
                case INT16 -> ((short[]) a)[i] = (short) (i * 997 - 30000);
                case INT8 -> ((byte[]) a)[i] = (byte) (i * 7 - 128);
                default -> throw new IllegalArgumentException(format.toString());
            }
        }
        return a;
    }

    private static void push(Outlet out, Object values, int samples, double[] ts) {
        if (values instanceof double[] v) {
            out.push(v, samples, ts);
        } else if (values instanceof long[] v) {
            out.push(v, samples, ts);
        } else if (values instanceof int[] v) {
            out.push(v, samples, ts);
        } else if (values instanceof short[] v) {
            out.push(v, samples, ts);
        } else {
            out.push((byte[]) values, samples, ts);
        }
    }

    private static int pull(Inlet in, Object values, double[] ts, double timeout) {
        if (values instanceof double[] v) {
            return in.pull(v, ts, timeout);
        } else if (values instanceof long[] v) {
            return in.pull(v, ts, timeout);
        } else if (values instanceof int[] v) {
            return in.pull(v, ts, timeout);
        } else if (values instanceof short[] v) {
            return in.pull(v, ts, timeout);
        }
        return in.pull((byte[]) values, ts, timeout);
    }

    @ParameterizedTest
    @EnumSource(value = ChannelFormat.class, names = {"DOUBLE64", "INT64", "INT32", "INT16", "INT8"})
    void everyNumericFormatRoundTripsExactly(ChannelFormat format) {
        int ch = 3, n = 40;
        double[] ts = stamps(n, Lsl.localClock(), 100);
        Outlet out = outlet(format, ch, 100);
        Inlet in = connect(out);
        Object sent = edgeValues(format, n * ch);
        push(out, sent, n, ts);
        Object got = Array.newInstance(sent.getClass().getComponentType(), n * ch);
        double[] gotTs = pullAll(n, (off, buf) -> {
            Object tmp = Array.newInstance(sent.getClass().getComponentType(), (n - off) * ch);
            int k = pull(in, tmp, buf, 0.5);
            System.arraycopy(tmp, 0, got, off * ch, k * ch);
            return k;
        });
        assertTrue(Objects.deepEquals(sent, got), format + " values differ");
        assertArrayEquals(ts, gotTs, 1e-9);
    }

    @Test
    void stringMarkersRoundTripIncludingUnicode() {
        Outlet out = outlet(ChannelFormat.STRING, 1, StreamInfo.IRREGULAR_RATE);
        Inlet in = connect(out);
        String[] sent = {"chill_on", "chill_off", "", "frisson — ¡sí! 音楽", "x".repeat(5000)};
        double t0 = Lsl.localClock();
        double[] ts = {t0, t0 + 0.3, t0 + 0.35, t0 + 1.2, t0 + 2};
        out.push(sent, sent.length, ts);
        String[] got = new String[sent.length];
        double[] gotTs = pullAll(sent.length, (off, buf) -> {
            String[] tmp = new String[sent.length - off];
            int k = in.pull(tmp, buf, 0.5);
            System.arraycopy(tmp, 0, got, off, k);
            return k;
        });
        assertArrayEquals(sent, got);
        assertArrayEquals(ts, gotTs, 1e-9);
    }

    @Test
    void descriptionCarriesChannelsUnitsTypesAndManufacturer() {
        String id = "loopback-desc-" + UUID.randomUUID();
        StreamInfo info = keep(StreamInfo.builder("Desc", "EEG").channelCount(3).rate(256).sourceId(id)
                .channels(List.of("Fz", "Cz", "Pz"), "microvolts", "EEG").desc("manufacturer", "Frisson").build());
        keep(Outlet.open(info));
        StreamInfo found = keep(Resolver.first("source_id='" + id + "'", 5.0).orElseThrow());
        Inlet in = keep(Inlet.open(found));
        StreamInfo full = keep(in.fullInfo(5.0));
        assertEquals(List.of("Fz", "Cz", "Pz"), full.channelLabels());
        assertEquals(new Channel("Cz", "microvolts", "EEG"), full.channels().get(1));
        assertEquals("Frisson", full.desc("manufacturer"));
        assertEquals(256.0, full.nominalRate());
        assertEquals(ChannelFormat.FLOAT32, full.format());
        assertTrue(full.hostname().length() > 0);
        assertTrue(full.uid().length() > 0);
    }

    @Test
    void shapeMismatchNamesTheStreamAndBothValues() {
        Outlet out = outlet(ChannelFormat.INT16, 4, 100);
        StreamInfo found = keep(Resolver.first("source_id='" + out.info().sourceId() + "'", 5.0).orElseThrow());
        StreamMismatchException count = assertThrows(StreamMismatchException.class,
                () -> Inlet.open(found, Inlet.options().expect(8, null)));
        assertEquals("stream 'Loop int16': expected channel count 8 but the stream has 4", count.getMessage());
        StreamMismatchException fmt = assertThrows(StreamMismatchException.class,
                () -> Inlet.open(found, Inlet.options().expect(4, ChannelFormat.FLOAT32)));
        assertTrue(fmt.getMessage().contains("'Loop int16'") && fmt.getMessage().contains("float32")
                && fmt.getMessage().contains("int16"), fmt.getMessage());
    }

    @Test
    void timeCorrectionOnOneMachineIsNearZeroWithUncertainty() {
        Outlet out = outlet(ChannelFormat.FLOAT32, 1, 10);
        Inlet in = connect(out);
        TimeCorrection c = in.timeCorrection(5.0);
        assertEquals(0.0, c.offset(), 1e-3);
        assertTrue(c.uncertainty() >= 0 && c.uncertainty() < 0.01, "uncertainty " + c.uncertainty());
    }

    @Test
    void pullAvailableReturnsWhatIsThereWithoutWaitingToFillTheBuffer() throws Exception {
        int ch = 4;
        Outlet out = outlet(ChannelFormat.FLOAT32, ch, 1000);
        Inlet in = connect(out);
        double[] got = new double[1000 * ch];
        double[] gotTs = new double[1000];
        assertEquals(0, in.pullAvailable(got, gotTs, 0.05), "nothing pushed yet");

        float[] v = new float[3 * ch];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        double t0 = Lsl.localClock();
        Thread pusher = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            out.push(v, 3, stamps(3, t0, 1000));
        });
        pusher.start();
        int n = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (n < 3 && System.nanoTime() < deadline) {
            int k = in.pullAvailable(got, gotTs, 5.0); // returns with the first samples, not after 5 s or 1000 samples
            if (n == 0 && k > 0) {
                assertEquals(0.0, got[0]);
                assertEquals(t0, gotTs[0], 1e-9);
            }
            n += k;
        }
        pusher.join();
        assertEquals(3, n);
    }

    @Test
    void pullAvailableKeepsOrderAcrossTheFirstSampleAndTheRest() {
        int ch = 2, n = 50;
        Outlet out = outlet(ChannelFormat.INT16, ch, 100);
        Inlet in = connect(out);
        short[] v = new short[n * ch];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) i;
        }
        double[] ts = stamps(n, Lsl.localClock(), 100);
        out.push(v, n, ts);
        double[] got = new double[n * ch];
        double[] gotTs = new double[n];
        int have = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        double[] buf = new double[n * ch];
        double[] bufTs = new double[n];
        while (have < n && System.nanoTime() < deadline) {
            int k = in.pullAvailable(buf, bufTs, 1.0);
            System.arraycopy(buf, 0, got, have * ch, k * ch);
            System.arraycopy(bufTs, 0, gotTs, have, k);
            have += k;
        }
        assertEquals(n, have);
        for (int i = 0; i < n * ch; i++) {
            assertEquals(i, got[i], 0.0);
        }
        assertArrayEquals(ts, gotTs, 1e-9);
    }

    @Test
    void openingAnInletOnAVanishedOutletFailsInsteadOfHanging() {
        Outlet out = outlet(ChannelFormat.FLOAT32, 2, 100);
        StreamInfo found = keep(Resolver.first("source_id='" + out.info().sourceId() + "'", 5.0).orElseThrow());
        out.close();
        LslException e = assertThrows(LslException.class,
                () -> Inlet.open(found, Inlet.options().openTimeout(1.0)));
        assertTrue(e.getMessage().contains("'Loop float32'"), e.getMessage());
    }

    @Test
    void inletInfoCarriesTheDescription() {
        String id = "loopback-info-" + UUID.randomUUID();
        StreamInfo info = keep(StreamInfo.builder("Info", "EEG").channelCount(2).rate(100).sourceId(id)
                .channels(List.of("C3", "C4"), "microvolts", "EEG").build());
        keep(Outlet.open(info));
        Inlet in = keep(Inlet.open(keep(Resolver.first("source_id='" + id + "'", 5.0).orElseThrow())));
        assertEquals(List.of("C3", "C4"), in.info().channelLabels());
    }

    @Test
    void closedHandlesRefuseUse() {
        Outlet out = outlet(ChannelFormat.FLOAT32, 1, 10);
        out.close();
        assertThrows(IllegalStateException.class, out::haveConsumers);
        out.close(); // idempotent
    }

    @Test
    void versionsAreReported() {
        assertTrue(Lsl.libraryVersion() >= 116, "liblsl " + Lsl.libraryVersion());
        assertTrue(Lsl.protocolVersion() >= 110);
        assertTrue(Lsl.libraryPath().toString().contains("lsl"));
    }
}
