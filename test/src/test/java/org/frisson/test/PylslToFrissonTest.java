package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.StreamEvent;
import org.frisson.lsl.StreamInfo;
import org.frisson.lsl.StreamMismatchException;
import org.frisson.test.Interop.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.frisson.test.Interop.NET_TIMEOUT;
import static org.frisson.test.Interop.PEER_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real pylsl outlet in a Python process, read by our {@link Inlet} through the real liblsl. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PylslToFrissonTest {

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

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape(ChannelFormat.FLOAT32, 8, 500, 2000),
                new Shape(ChannelFormat.INT16, 4, 250, 1000),
                new Shape(ChannelFormat.DOUBLE64, 3, 100, 600),
                new Shape(ChannelFormat.INT64, 2, 100, 600),
                new Shape(ChannelFormat.INT32, 2, 100, 300),
                new Shape(ChannelFormat.INT8, 2, 100, 300),
                new Shape(ChannelFormat.STRING, 1, 0, 70),
                new Shape(ChannelFormat.STRING, 2, 0, 21));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everySampleArrivesExactlyWithItsStampAndTheChannelsAreDescribed(Shape shape) {
        String id = Interop.uniqueId("py-outlet");
        List<Channel> channels = Interop.channels(shape.channels());
        Peer peer = keep(Peer.start("outlet_peer.py", Interop.outletArgs(shape, id, channels)));
        peer.awaitReady(PEER_START);

        StreamInfo found = keep(Interop.resolve(id));
        assertEquals(shape.streamName(), found.name());
        assertEquals(shape.format(), found.format());
        assertEquals(shape.channels(), found.channelCount());
        assertEquals(shape.rate(), found.nominalRate());

        Inlet inlet = keep(Inlet.open(found));
        // The full description first: it carries <desc>, and once fetched liblsl never waits for it again.
        StreamInfo full = keep(inlet.fullInfo(NET_TIMEOUT));
        assertEquals(channels, full.channels(), "labels, units and types from <desc><channels>");
        assertEquals(Interop.labels(channels), full.channelLabels());
        inlet.openStream(NET_TIMEOUT);

        List<StreamEvent> events = new ArrayList<>();
        InletMonitor monitor = new InletMonitor(inlet, 10.0, events::add);
        List<Object> values = new ArrayList<>();
        double[] stamps = new double[shape.samples()];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (got < shape.samples() && System.nanoTime() < deadline) {
            double[] buf = new double[Math.min(512, shape.samples() - got)];
            int n = monitor.afterPull(SampleValues.pull(inlet, buf, 0.2, values), buf);
            System.arraycopy(buf, 0, stamps, got, n);
            got += n;
        }
        assertEquals(shape.samples(), got, "samples received within 30 s");
        JsonNode report = peer.nextJson(Duration.ofSeconds(30));

        List<Object> expected = SampleValues.expected(shape.format(), shape.samples(), shape.channels());
        if (shape.format() == ChannelFormat.INT64) {
            assertTrue(SampleValues.beyondDoublePrecision(expected) > shape.samples(),
                    "most int64 values lie beyond 2^53, where a double would round them");
        }
        Interop.assertValuesEqual(expected, values, shape.channels(), "values, in order");
        double[] pushed = Interop.stamps(report.get("stamps"));
        assertEquals(shape.samples(), pushed.length);
        if (shape.rate() > 0) {
            double t0 = report.get("t0").doubleValue();
            for (int i = 0; i < pushed.length; i++) {
                assertEquals(t0 + i / shape.rate(), pushed[i], 0.0, "the peer's stamp " + i);
            }
        }
        Interop.assertStampsMatch(pushed, stamps, "stamps after time correction (offset " + monitor.offset() + " s)");
        assertEquals(List.of(), events, "a clean burst raises no gap, reset or loss");
        assertEquals(0, SampleValues.pull(inlet, new double[16], 0.0, new ArrayList<>()), "nothing beyond the burst");

        inlet.close();
        peer.close();
        assertEquals(0, peer.exitCode(), peer.describe("exit code"));
    }

    @Test
    void aShapeMismatchWithARealPeerNamesTheStreamAndBothValues() {
        String id = Interop.uniqueId("py-mismatch");
        Shape shape = new Shape(ChannelFormat.INT16, 4, 100, 0);
        List<String> args = new ArrayList<>(Interop.outletArgs(shape, id, List.of()));
        args.addAll(List.of("--mode", "idle"));
        Peer peer = keep(Peer.start("outlet_peer.py", args));
        peer.awaitReady(PEER_START);
        StreamInfo found = keep(Interop.resolve(id));

        StreamMismatchException e = assertThrows(StreamMismatchException.class,
                () -> keep(Inlet.open(found, Inlet.options().expect(8, ChannelFormat.FLOAT32))));
        assertEquals("stream '" + shape.streamName() + "': expected channel count 8 but the stream has 4",
                e.getMessage());
        assertEquals(shape.streamName(), e.stream());
        assertEquals("channel count", e.field());
        assertEquals("8", e.expected());
        assertEquals("4", e.actual());

        StreamMismatchException f = assertThrows(StreamMismatchException.class,
                () -> keep(Inlet.open(found, Inlet.options().expect(4, ChannelFormat.FLOAT32))));
        assertTrue(f.getMessage().contains("'" + shape.streamName() + "'") && f.getMessage().contains("float32")
                && f.getMessage().contains("int16"), f.getMessage());
        assertEquals("channel format", f.field());
    }
}
