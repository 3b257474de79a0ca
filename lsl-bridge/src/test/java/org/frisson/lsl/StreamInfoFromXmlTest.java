package org.frisson.lsl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream descriptions rebuilt from XML (as stored in XDF files): liblsl's refusals surface as clear errors. */
class StreamInfoFromXmlTest {

    @Test
    void aCompleteDescriptionRoundTrips() {
        try (StreamInfo built = StreamInfo.builder("EEG", "EEG").channelCount(2).rate(128).format(ChannelFormat.INT16)
                .sourceId("x1").channels(java.util.List.of("C3", "C4"), "uV", "EEG").build();
             StreamInfo back = StreamInfo.fromXml("test", built.xml().replace("<uid></uid>", "<uid>u-1</uid>"))) {
            assertEquals("EEG", back.name());
            assertEquals(ChannelFormat.INT16, back.format());
            assertEquals(java.util.List.of("C3", "C4"), back.channelLabels());
        }
    }

    @Test
    void groupedDescElementsRoundTripInOrder() {
        var first = new java.util.LinkedHashMap<String, String>();
        first.put("stage", "music");
        first.put("component", "acoustic");
        first.put("notice", "stands in for musicnn");
        var second = java.util.Map.of("stage", "chills", "notice", "");
        try (StreamInfo built = StreamInfo.builder("out", "Predictions").channelCount(1).rate(4)
                .format(ChannelFormat.DOUBLE64).descElement("provenance", "model", first)
                .descElement("provenance", "model", second).channel("p", "probability", "Predictions").build();
             StreamInfo back = StreamInfo.fromXml("test", built.xml().replace("<uid></uid>", "<uid>u-2</uid>"))) {
            var read = back.descElements("provenance/model");
            assertEquals(java.util.List.of(first, second), read);
            assertEquals(java.util.List.of("music", "stage", "component", "notice"),
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(read.get(0).get("stage")),
                            read.get(0).keySet().stream()).toList(), "fields keep their order");
            assertEquals(java.util.List.of("p"), back.channelLabels(), "channels still read after the group");
            assertEquals(java.util.List.of(), back.descElements("nothing/here"));
        }
    }

    @Test
    void anIncompleteDescriptionIsRefusedWithLiblslsReason() {
        LslException e = assertThrows(LslException.class, () -> StreamInfo.fromXml("file rec.xdf stream 2",
                "<info><name>E</name><channel_count>1</channel_count><channel_format>float32</channel_format></info>"));
        assertTrue(e.getMessage().startsWith("stream XML from file rec.xdf stream 2 is not a usable stream description: "),
                e.getMessage());
    }
}
