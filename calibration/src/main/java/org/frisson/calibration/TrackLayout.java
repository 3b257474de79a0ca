package org.frisson.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracks of a grid: which rows each track holds, tracks numbered 0..T-1 in the order they first appear.
 * Rows whose block is -1 belong to no track.
 */
final class TrackLayout {

    private final int[] trackOfRow;
    private final int[][] rows;
    private final int[] ids;

    private TrackLayout(int[] trackOfRow, int[][] rows, int[] ids) {
        this.trackOfRow = trackOfRow;
        this.rows = rows;
        this.ids = ids;
    }

    /** {@code block[t]} = the track id of row t (any id &gt;= 0), or -1 outside any track. */
    static TrackLayout of(int[] block, String what) {
        Checks.present(block, what);
        Map<Integer, List<Integer>> byId = new LinkedHashMap<>();
        for (int t = 0; t < block.length; t++) {
            if (block[t] < -1) {
                throw new IllegalArgumentException(what + " value " + t + " is " + block[t]
                        + ": a track id is >= 0, -1 marks a row outside any track");
            }
            if (block[t] >= 0) {
                byId.computeIfAbsent(block[t], id -> new ArrayList<>()).add(t);
            }
        }
        int[] trackOfRow = new int[block.length];
        Arrays.fill(trackOfRow, -1);
        int[][] rows = new int[byId.size()][];
        int[] ids = new int[byId.size()];
        int index = 0;
        for (Map.Entry<Integer, List<Integer>> e : byId.entrySet()) {
            ids[index] = e.getKey();
            rows[index] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            for (int t : rows[index]) {
                trackOfRow[t] = index;
            }
            index++;
        }
        return new TrackLayout(trackOfRow, rows, ids);
    }

    int tracks() {
        return rows.length;
    }

    int gridLength() {
        return trackOfRow.length;
    }

    /** The track index (0..T-1) of row t, or -1. */
    int trackOf(int t) {
        return trackOfRow[t];
    }

    /** Rows of track index {@code track}, ascending. */
    int[] rows(int track) {
        return rows[track];
    }

    /** The caller's id of track index {@code track}. */
    int id(int track) {
        return ids[track];
    }
}
