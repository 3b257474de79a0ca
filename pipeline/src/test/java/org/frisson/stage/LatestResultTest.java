package org.frisson.stage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared result holder: readers see published results only, whole, and count them. */
class LatestResultTest {

    @Test
    void beforeTheFirstResultEveryValueAndTheStampAreNaN() {
        LatestResult r = new LatestResult(List.of("a", "b"), 4, 3);
        assertEquals(2, r.width());
        assertEquals(List.of("a", "b"), r.labels());
        assertEquals(4, r.rate());
        assertEquals(3, r.span());
        assertEquals(0, r.count());
        assertTrue(Double.isNaN(r.stamp()) && Double.isNaN(r.value(0)) && Double.isNaN(r.value(1)));
    }

    @Test
    void valuesSetAreSeenOnlyOncePublishedAndUnsetOnesKeepThePreviousResult() {
        LatestResult r = new LatestResult(List.of("a", "b"), 4, 0);
        r.set(0, 1.5);
        r.set(1, -2.0);
        assertTrue(Double.isNaN(r.value(0)), "set but not published: readers see nothing yet");
        assertEquals(0, r.count());
        r.publish(100.25);
        assertEquals(1, r.count());
        assertEquals(100.25, r.stamp());
        assertEquals(1.5, r.value(0));
        assertEquals(-2.0, r.value(1));

        r.set(0, 3.0);
        assertEquals(1.5, r.value(0), "the next result is not seen half made");
        r.publish(100.5);
        assertEquals(2, r.count());
        assertEquals(3.0, r.value(0));
        assertEquals(-2.0, r.value(1), "a value not set keeps what it was");
    }

    @Test
    void clearForgetsTheResultButTheCountNeverGoesBack() {
        LatestResult r = new LatestResult(List.of("a"), 2, 0);
        r.set(0, 7);
        r.publish(1.0);
        r.clear();
        assertEquals(1, r.count());
        assertTrue(Double.isNaN(r.value(0)) && Double.isNaN(r.stamp()));
        r.publish(2.0);
        assertTrue(Double.isNaN(r.value(0)), "what was set before the clear is forgotten too");
        assertEquals(2, r.count());
    }

    @Test
    void labelsAreCopiedAndTheShapeIsChecked() {
        List<String> labels = new ArrayList<>(List.of("x"));
        LatestResult r = new LatestResult(labels, 1, 0);
        labels.add("y");
        assertEquals(1, r.width());
        assertThrows(UnsupportedOperationException.class, () -> r.labels().add("z"));
        assertThrows(IndexOutOfBoundsException.class, () -> r.set(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LatestResult(List.of(), -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LatestResult(List.of(), 1, Double.NaN));
        assertEquals(0, new LatestResult(List.of(), 1, 0).width(), "a stage with nothing to give has no values");
    }
}
