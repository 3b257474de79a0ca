package org.frisson.sim;

import java.util.List;

/** A finite, time-ordered list of markers. */
public record TimedMarkers(List<Marker> markers) implements MarkerSchedule {

    /** One marker: session seconds and text. */
    public record Marker(double time, String text) {
    }

    public TimedMarkers {
        markers = List.copyOf(markers);
        for (int k = 1; k < markers.size(); k++) {
            if (markers.get(k).time() < markers.get(k - 1).time()) {
                throw new IllegalArgumentException("marker " + k + " ('" + markers.get(k).text() + "') at "
                        + markers.get(k).time() + " s comes before the one before it");
            }
        }
    }

    @Override
    public double time(int k) {
        return k < markers.size() ? markers.get(k).time() : Double.POSITIVE_INFINITY;
    }

    @Override
    public String text(int k) {
        return markers.get(k).text();
    }
}
