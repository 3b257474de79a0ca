package org.frisson.test;

import com.microsoft.playwright.Page;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.RatingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rating form a dashboard shows when a track's rating is asked, answered in Chromium. */
class DashboardRatingTest {

    private static final String TRACK = "Arvo Pärt – Spiegel im Spiegel";
    private static Browser browser;

    private final List<String> rated = new CopyOnWriteArrayList<>();
    private final RatingSink sink = (track, valence, arousal) -> rated.add(track + " " + valence + " " + arousal);

    @BeforeAll
    static void launch() {
        browser = Browser.launch(1400, 1000);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private Dashboard start(String bind) {
        return Dashboard.start(new Dashboard.Settings(bind, 0, false, "calibration"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> System.nanoTime() / 1e9, sink);
    }

    /** Opens a view and waits until it has its event stream (no pipeline: "pipeline stopped"). */
    private static Page open(String url) {
        Page page = browser.open(url);
        await("the page's event stream").atMost(Duration.ofSeconds(30))
                .until(() -> "stopped".equals(page.getAttribute("#conn", "data-state")));
        return page;
    }

    @Test
    void aRatingAnsweredOnTheListenerViewReachesTheSinkOnceAndLeavesEveryPage() {
        // off the loopback address: the form's answer must carry the page's token
        try (Dashboard d = start("127.0.0.2")) {
            String token = d.token().orElseThrow();
            String base = d.url().substring(0, d.url().indexOf('?'));
            Page listener = open(base + "listener?token=" + token);
            assertTrue(listener.isHidden("#rating"), "no form until a rating is asked");

            d.askRating(TRACK);
            await("the form on the open listener view").atMost(Duration.ofSeconds(30))
                    .until(() -> listener.isVisible("#rating"));
            assertEquals(TRACK, listener.textContent("#rating-track"));
            assertTrue(listener.isDisabled("#rating-submit"), "nothing chosen yet");
            Page experimenter = open(d.url());
            await("the form on the experimenter view opened after the rating was asked").atMost(Duration.ofSeconds(30))
                    .until(() -> experimenter.isVisible("#rating"));
            assertEquals(TRACK, experimenter.textContent("#rating-track"));

            listener.click("#rating-valence label[data-value='7']");
            listener.click("#rating-arousal label[data-value='3']");
            assertTrue(listener.isChecked("#rating-valence input[value='7']"));
            assertTrue(listener.isChecked("#rating-arousal input[value='3']"));
            assertFalse(listener.isDisabled("#rating-submit"));
            for (String chosen : List.of("#rating-valence input[value='7'] + span",
                    "#rating-arousal input[value='3'] + span")) {
                await("the choice drawn").atMost(Duration.ofSeconds(30)).until(() -> "rgb(240, 160, 75)".equals(
                        listener.evaluate("s => getComputedStyle(document.querySelector(s)).borderTopColor", chosen)));
            }
            Browser.screenshot(listener, "listener-rating", false);
            Browser.screenshot(experimenter, "experimenter-rating", false);
            listener.click("#rating-submit");

            await("the rating at the sink").atMost(Duration.ofSeconds(30)).until(() -> !rated.isEmpty());
            await("the form gone from both pages").atMost(Duration.ofSeconds(30))
                    .until(() -> listener.isHidden("#rating") && experimenter.isHidden("#rating"));
            assertEquals(List.of(TRACK + " 7.0 3.0"), rated, "once, with the values clicked");
            assertEquals(List.of(), d.pendingRatings());
            assertEquals("", listener.textContent("#rating-error"));
            browser.assertNoPolicyViolation();
            listener.close();
            experimenter.close();
        }
    }

    @Test
    void theFormIsAnsweredWithTheKeyboardAloneOneTrackAfterTheOther() {
        try (Dashboard d = start(Dashboard.LOOPBACK)) {
            Page listener = open(d.url() + "listener");
            d.askRating(TRACK);
            d.askRating("Sigur Rós – Untitled 3");
            await("the form").atMost(Duration.ofSeconds(30)).until(() -> listener.isVisible("#rating"));
            assertEquals(TRACK, listener.textContent("#rating-track"), "the oldest first");
            assertEquals("1 more to rate after this one", listener.textContent("#rating-more"));
            assertEquals("1, unhappy", focused(listener), "the form takes the keyboard when it appears");

            for (int k = 0; k < 4; k++) {
                listener.keyboard().press("ArrowRight");
            }
            listener.keyboard().press("Tab");
            assertEquals("1, calm", focused(listener), "Tab goes on to the arousal scale");
            for (int k = 0; k < 7; k++) {
                listener.keyboard().press("ArrowRight");
            }
            listener.keyboard().press("Tab");
            assertEquals("rating-submit", listener.evaluate("() => document.activeElement.id"));
            listener.keyboard().press("Enter");

            await("the next track's form").atMost(Duration.ofSeconds(30))
                    .until(() -> "Sigur Rós – Untitled 3".equals(listener.textContent("#rating-track")));
            assertEquals(List.of(TRACK + " 5.0 8.0"), rated);
            assertEquals("", listener.textContent("#rating-more"));
            assertFalse(listener.isChecked("#rating-valence input[value='5']"), "a fresh form for the next track");

            assertTrue(d.withdrawRating("Sigur Rós – Untitled 3"), "rated elsewhere");
            await("the withdrawn form gone").atMost(Duration.ofSeconds(30)).until(() -> listener.isHidden("#rating"));
            assertEquals(1, rated.size());
            browser.assertNoPolicyViolation();
            listener.close();
        }
    }

    /** The accessible name of the element that has the keyboard focus. */
    private static String focused(Page page) {
        return (String) page.evaluate("() => document.activeElement.getAttribute('aria-label')");
    }
}
