package org.frisson.lsl;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams that liblsl lets an outlet announce but that cannot be read as they are: each is read, or refused with
 * one line naming it, and never hides or breaks the other streams. Kept from what {@link StreamHeaderFuzzTest}
 * found.
 */
class HostileStreamTest {

    /** liblsl writes a control character as {@code &#01;}, which XML 1.0 refuses: the description is still read. */
    @Test
    void aControlCharacterInANameKeepsTheDescription() {
        try (StreamInfo info = StreamInfo.builder("tab\tbell\u0007 nul-less \u0001 end", "T").channelCount(1)
                .channel("la\u0002bel", "", "").build()) {
            assertTrue(info.xml().contains("&#01;"), "liblsl's own way of writing it: " + info.xml());
            assertEquals("la\u0002bel", info.channels().get(0).label());
            StreamXml x = StreamXml.parse("test", info.xml());
            assertEquals("tab\tbell\u0007 nul-less \u0001 end", x.text("name"));
        }
    }

    @Test
    void aDescriptionNestedDeeperThanTheLimitIsRefusedBeforeLiblslWritesItOut() {
        String deep = StreamHeaderFuzzTest.header("Deep", "1", "10", "float32",
                "<a>".repeat(StreamInfo.MAX_DEPTH) + "</a>".repeat(StreamInfo.MAX_DEPTH));
        LslException e = assertThrows(LslException.class, () -> StreamInfo.fromXml("file x.xdf stream 1", deep));
        assertEquals("stream XML from file x.xdf stream 1: its description nests more than " + StreamInfo.MAX_DEPTH
                + " levels deep, which liblsl cannot write out in bounded memory; it is not read", e.getMessage());
        String fits = StreamHeaderFuzzTest.header("Fits", "1", "10", "float32",
                "<a>".repeat(StreamInfo.MAX_DEPTH - 3) + "x" + "</a>".repeat(StreamInfo.MAX_DEPTH - 3));
        try (StreamInfo ok = StreamInfo.fromXml("file x.xdf stream 2", fits)) {
            assertTrue(ok.xml().contains("x"));
        }
        try (StreamInfo built = StreamInfo.builder("Built\ndeep", "T").channelCount(1).build()) {
            Pointer e2 = LslNative.lsl_get_desc(built.handle());
            for (int i = 0; i < 200; i++) {
                e2 = LslNative.lsl_append_child(e2, "a");
            }
            LslException refused = assertThrows(LslException.class, built::xml);
            assertTrue(refused.getMessage().startsWith("stream 'Built?deep': its description nests more than 32"),
                    refused.getMessage());
            assertThrows(LslException.class, built::channels);
        }
    }

    @Test
    void noChannelsIsRefusedNamingTheField() {
        LslException e = assertThrows(LslException.class, () -> StreamInfo.fromXml("file x.xdf stream 3",
                StreamHeaderFuzzTest.header("None", "0", "10", "float32", "")));
        assertEquals("stream XML from file x.xdf stream 3: field channel_count is 0, expected a positive integer",
                e.getMessage());
    }

    /** A stream of liblsl's undefined format, or with no channel, on the network beside a good one. */
    @Test
    void anUndefinedFormatOrNoChannelNeitherHidesNorBreaksTheOthers() {
        String id = "hostile-" + UUID.randomUUID();
        Pointer undefined = LslNative.lsl_create_outlet(LslNative.lsl_create_streaminfo("Undefined", "Hostile", 1, 10, 0,
                id + "-u"), 0, 360);
        Pointer empty = LslNative.lsl_create_outlet(LslNative.lsl_create_streaminfo("No\u0001channels", "Hostile", 0, 10,
                ChannelFormat.FLOAT32.code(), id + "-e"), 0, 360);
        try (StreamInfo goodInfo = StreamInfo.builder("Good", "Hostile").channelCount(1).rate(10).sourceId(id + "-g")
                .build(); Outlet good = Outlet.open(goodInfo)) {
            List<StreamInfo> found = Resolver.byPredicate("starts-with(source_id,'" + id + "')", 3, 10.0);
            try {
                assertTrue(found.stream().anyMatch(s -> s.name().equals("Good")), "the good stream is found: " + found);
                assertTrue(found.stream().noneMatch(s -> s.name().equals("Undefined")), "the undefined one is left out");
                StreamInfo none = found.stream().filter(s -> s.channelCount() == 0).findFirst()
                        .orElseThrow(() -> new AssertionError("the stream without channels is found: " + found));
                StreamMismatchException e = assertThrows(StreamMismatchException.class, () -> Inlet.open(none));
                assertEquals("stream 'No?channels': expected channel count of at least 1 but the stream has 0",
                        e.getMessage());
                StreamInfo g = found.stream().filter(s -> s.name().equals("Good")).findFirst().orElseThrow();
                try (Inlet inlet = Inlet.open(g)) {
                    inlet.openStream(5.0);
                    assertTrue(good.waitForConsumers(5.0));
                    good.push(new float[]{42f}, 1, new double[]{Lsl.localClock()});
                    float[] v = new float[1];
                    double[] t = new double[1];
                    int n = 0;
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (n == 0 && System.nanoTime() < deadline) {
                        n = inlet.pull(v, t, 0.2);
                    }
                    assertEquals(1, n, "the good stream still delivers");
                    assertEquals(42f, v[0]);
                }
            } finally {
                found.forEach(StreamInfo::close);
            }
        } finally {
            LslNative.lsl_destroy_outlet(undefined);
            LslNative.lsl_destroy_outlet(empty);
        }
    }
}
