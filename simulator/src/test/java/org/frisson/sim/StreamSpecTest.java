package org.frisson.sim;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.lsl.StreamXml;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The XDF header of a simulated stream says what its live outlet's liblsl description says. */
class StreamSpecTest {

    @Test
    void fileHeaderMatchesTheLiveDescription() {
        List<StreamSpec> specs = List.of(
                new StreamSpec("EEG", "EEG", "frisson-sim-x-eeg", 128, ChannelFormat.FLOAT32, List.of("Fp1", "AF3"), "microvolts"),
                new StreamSpec("Ratings & <co>", "Ratings", "frisson-sim-'x'-ratings", 0, ChannelFormat.STRING,
                        List.of("rating \"1-9\""), ""),
                new StreamSpec("GSR-P002", "GSR", "frisson-sim-x-p002-gsr", 32, ChannelFormat.FLOAT32, List.of("GSR"),
                        "microsiemens", "P002"));
        for (StreamSpec s : specs) {
            StreamXml file = StreamXml.parse("header", s.headerXml(1000));
            try (StreamInfo info = s.info()) {
                StreamXml live = StreamXml.parse("liblsl", info.xml());
                for (String field : List.of("name", "type", "channel_count", "channel_format", "source_id",
                        "desc/manufacturer", "desc/participant")) {
                    assertEquals(live.text(field), file.text(field), s.name() + ": " + field);
                }
                assertEquals(Double.parseDouble(live.text("nominal_srate")), Double.parseDouble(file.text("nominal_srate")));
                assertEquals(live.channels(), file.channels(), s.name() + ": channels");
                assertEquals(1000.0, Double.parseDouble(file.text("created_at")));
                assertEquals(s.participant(), live.text("desc/participant"), s.name() + ": participant");
            }
        }
    }

    @Test
    void aConcertNamesEachListenersParticipantAndNoneForTheMusic() {
        SessionSource concert = SessionSource.create(new SessionOptions("concert", 2, 1, 10, null, "c", 8, 30));
        for (StreamSpec s : concert.streams()) {
            String expected = s.sourceId().contains("-p001-") ? "P001" : s.sourceId().contains("-p002-") ? "P002" : "";
            assertEquals(expected, s.participant(), s.sourceId());
        }
    }
}
