package org.frisson.calibration;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Responses grouped by the rows where they are available (in a track and not NaN), in first-seen order. */
final class ResponseGroups {

    /** Responses (indices into the caller's list) available on exactly the rows {@code available}. */
    record Group(int[] members, boolean[] available) {
    }

    private ResponseGroups() {
    }

    static List<Group> of(List<Response> responses, TrackLayout tracks) {
        Map<BitSet, List<Integer>> byMask = new LinkedHashMap<>();
        for (int j = 0; j < responses.size(); j++) {
            byMask.computeIfAbsent(availability(responses.get(j), tracks), k -> new ArrayList<>()).add(j);
        }
        List<Group> groups = new ArrayList<>();
        int n = tracks.gridLength();
        for (Map.Entry<BitSet, List<Integer>> e : byMask.entrySet()) {
            boolean[] mask = new boolean[n];
            e.getKey().stream().forEach(t -> mask[t] = true);
            groups.add(new Group(e.getValue().stream().mapToInt(Integer::intValue).toArray(), mask));
        }
        return groups;
    }

    /** Rows in a track where the response is not NaN. */
    static BitSet availability(Response response, TrackLayout tracks) {
        double[] v = response.values();
        BitSet mask = new BitSet(v.length);
        for (int t = 0; t < v.length; t++) {
            if (tracks.trackOf(t) >= 0 && !Double.isNaN(v[t])) {
                mask.set(t);
            }
        }
        return mask;
    }
}
