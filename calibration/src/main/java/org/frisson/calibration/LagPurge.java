package org.frisson.calibration;

/**
 * Rows to drop from a training set because their lag window reaches into held-out tracks: a row t outside the
 * held-out tracks is purged when any of t-1, ..., t-maxLag belongs to one. With contiguous tracks these are the
 * first maxLag steps after each held-out track ends. Their design holds held-out stimulus history, and their
 * response, close in time to the held-out responses, shares their slow drifts.
 */
final class LagPurge {

    private LagPurge() {
    }

    /** {@code heldOut[track]} marks held-out tracks; returns the purged rows as a mask over the grid. */
    static boolean[] after(TrackLayout tracks, boolean[] heldOut, int maxLag) {
        int n = tracks.gridLength();
        boolean[] purged = new boolean[n];
        int sinceHeldOut = Integer.MAX_VALUE;
        for (int t = 0; t < n; t++) {
            int track = tracks.trackOf(t);
            boolean isHeldOut = track >= 0 && heldOut[track];
            if (!isHeldOut && sinceHeldOut != Integer.MAX_VALUE) {
                sinceHeldOut++;
                purged[t] = sinceHeldOut <= maxLag;
            }
            if (isHeldOut) {
                sinceHeldOut = 0;
            }
        }
        return purged;
    }
}
