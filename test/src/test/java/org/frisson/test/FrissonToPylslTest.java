package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.test.Interop.Shape;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our {@link Outlet} read by a real pylsl inlet in a Python process, through the real liblsl. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrissonToPylslTest {

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
        return PylslToFrissonTest.shapes();
    }

    /** Stamps {@code t0 + i/rate}; an irregular stream gets uneven steps (50 ms, 63 ms, 37 ms, ...). */
    private static double[] stampsFrom(double t0, Shape shape) {
        double[] s = new double[shape.samples()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.rate() > 0 ? t0 + i / shape.rate() : t0 + i * 0.05 + (i % 3 == 1 ? 0.013 : 0.0);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void pylslReadsEverySampleExactlyWithItsStampAndTheChannelLabels(Shape shape) {
        String id = Interop.uniqueId("java-outlet");
        List<Channel> channels = Interop.channels(shape.channels());
        StreamInfo.Builder b = StreamInfo.builder(shape.streamName(), "Test").channelCount(shape.channels())
                .rate(shape.rate()).format(shape.format()).sourceId(id);
        channels.forEach(c -> b.channel(c.label(), c.unit(), c.type()));
        StreamInfo info = keep(b.build());
        Outlet outlet = keep(Outlet.open(info));

        Peer peer = keep(Peer.start("inlet_peer.py", List.of("--source-id", id,
                "--count", Integer.toString(shape.samples()), "--timeout", "30")));
        peer.awaitReady(PEER_START);
        assertTrue(outlet.waitForConsumers(NET_TIMEOUT), "the pylsl inlet never subscribed");

        List<Object> values = SampleValues.expected(shape.format(), shape.samples(), shape.channels());
        double[] stamps = stampsFrom(Lsl.localClock(), shape);
        for (int first = 0; first < shape.samples(); first += 100) {
            SampleValues.push(outlet, values, first, Math.min(100, shape.samples() - first), stamps);
        }

        JsonNode r = peer.nextJson(Duration.ofSeconds(60));
        assertTrue(r.path("complete").asBoolean(), peer.describe("did not get every sample"));
        assertEquals(shape.streamName(), r.path("name").asText());
        assertEquals(shape.format().lslName(), r.path("format").asText());
        assertEquals(shape.channels(), r.path("channel_count").asInt());
        assertEquals(shape.rate(), r.path("nominal_srate").asDouble());
        assertEquals(Interop.labels(channels), texts(r.get("labels")), "labels read by pylsl from <desc>");
        assertEquals(channels.stream().map(Channel::unit).toList(), texts(r.get("units")), "units");
        assertEquals(channels.stream().map(Channel::type).toList(), texts(r.get("types")), "channel types");

        List<Object> got = new ArrayList<>();
        JsonNode samples = r.get("values");
        assertEquals(shape.samples(), samples.size(), "samples reported");
        for (JsonNode sample : samples) {
            assertEquals(shape.channels(), sample.size(), "values in a sample");
            for (JsonNode v : sample) {
                got.add(SampleValues.fromJson(shape.format(), v));
            }
        }
        if (shape.format() == ChannelFormat.INT64) {
            assertTrue(SampleValues.beyondDoublePrecision(values) > shape.samples(),
                    "most int64 values lie beyond 2^53, where a double would round them");
        }
        Interop.assertValuesEqual(values, got, shape.channels(), "values read by pylsl");
        Interop.assertStampsMatch(stamps, Interop.stamps(r.get("stamps")),
                "stamps read by pylsl plus its time_correction() (" + r.path("time_correction").asDouble() + " s)");
        assertEquals(0, peer.awaitExit(Duration.ofSeconds(30)), peer.describe("exit code"));
    }

    private static List<String> texts(JsonNode list) {
        assertTrue(list != null && list.isArray(), "not a list: " + list);
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
