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
    void anIncompleteDescriptionIsRefusedWithLiblslsReason() {
        LslException e = assertThrows(LslException.class, () -> StreamInfo.fromXml("file rec.xdf stream 2",
                "<info><name>E</name><channel_count>1</channel_count><channel_format>float32</channel_format></info>"));
        assertTrue(e.getMessage().startsWith("stream XML from file rec.xdf stream 2 is not a usable stream description: "),
                e.getMessage());
    }
}
