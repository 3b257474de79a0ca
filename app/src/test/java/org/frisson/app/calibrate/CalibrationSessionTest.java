package org.frisson.app.calibrate;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.calibration.RatingMarker;
import org.frisson.dashboards.Dashboard;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A calibration block's ratings through the dashboard: when the player's {@code track_stop} comes in, the
 * session asks the dashboard for that track's rating; the page's answer (a real {@code POST /rating}) goes out
 * as a rating marker on Frisson's ratings outlet, which a real LSL inlet receives; the block is done once every
 * expected track is played and rated.
 */
class CalibrationSessionTest {

    @Test
    void aTrackEndAsksTheDashboardAndItsAnswerBecomesARatingMarker() throws Exception {
        String id = "frisson-calibrate-test-" + ProcessHandle.current().pid();
        StringWriter printed = new StringWriter();
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamInfo info = CalibrationSession.ratingStream(id + "-ratings");
             Outlet ratings = Outlet.open(info)) {
            CalibrationSession session = new CalibrationSession(CalibrationSession.Ratings.DASHBOARD, ratings, List.of(),
                    null, null, 1, new BufferedReader(new StringReader("")), new PrintWriter(printed));
            StreamInfo found = Resolver.first("source_id='" + id + "-ratings'", 10).orElseThrow();
            try (found; Inlet inlet = Inlet.open(found);
                 Dashboard dashboard = Dashboard.start(new Dashboard.Settings("127.0.0.1", 0, false, "test"),
                         new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Lsl::localClock, session.ratings())) {
                inlet.openStream(10);
                assertTrue(ratings.waitForConsumers(10), "the inlet is subscribed before anything is rated");
                session.started(dashboard, log::add);
                var watch = session.taps().chunks().get(0);
                StreamInfo player = StreamInfo.builder("Player", "PlaybackMarkers").channelCount(1)
                        .format(ChannelFormat.STRING).build();
                StreamInfo eeg = StreamInfo.builder("EEG", "EEG").channelCount(2).rate(128).build();
                StreamInfo ownRatings = CalibrationSession.ratingStream("frisson-ratings-copy");
                watch.start(List.of(eeg, player, ownRatings));
                double[] stamps = new double[4];
                watch.chunk(0, 2, stamps, new double[4], new String[4], 0); // numbers on another stream: ignored
                watch.chunk(1, 1, stamps, null, new String[] {"track_start cal-01"}, 0);
                assertFalse(session.done(), "nothing played yet");
                watch.chunk(1, 1, stamps, null, new String[] {"track_stop"}, 0);
                await().atMost(Duration.ofSeconds(10)).until(() -> dashboard.pendingRatings().contains("cal-01"));
                assertFalse(session.done(), "played, not rated");

                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(dashboard.url() + "rating")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"track\":\"cal-01\",\"valence\":7,\"arousal\":3}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(204, answer.statusCode(), answer.body());

                String[] text = new String[1];
                double[] stamp = new double[1];
                assertEquals(1, inlet.pullAvailable(text, stamp, 10), "the rating marker arrives on LSL");
                assertEquals(new RatingMarker("cal-01", 7, 3), RatingMarker.parse(text[0], "ratings outlet"));
                // the pipeline records that marker as its 'ratings' input, and so the session sees it
                watch.chunk(2, 1, stamps, null, text, 0);
                assertTrue(session.done(), "one track expected, played and rated");
                assertTrue(log.stream().anyMatch(l -> l.contains("asked for the rating of 'cal-01' on the dashboard")), log.toString());
            } finally {
                session.stopped();
            }
        }
    }
}
