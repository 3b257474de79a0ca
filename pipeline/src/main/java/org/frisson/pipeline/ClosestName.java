package org.frisson.pipeline;

import java.util.Collection;
import java.util.Optional;

/** The known name nearest a mistyped one, by edit distance (a swap of two neighbouring letters is one edit). */
final class ClosestName {

    private ClosestName() {
    }

    /** The name in {@code known} nearest {@code given}, when it is near enough to be what was meant. */
    static Optional<String> to(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        return bestDistance <= allowed && bestDistance < given.length() ? Optional.of(best) : Optional.empty();
    }

    /** Edits (insert, delete, replace, swap neighbours) from {@code a} to {@code b} (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
