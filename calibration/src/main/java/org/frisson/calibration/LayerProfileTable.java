package org.frisson.calibration;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A layer profile as CSV, header {@code layer,depth,response,unit,r,p,lambda}: per response, one row per layer
 * (in order of depth), then a row whose layer is {@code centroid}, whose depth is the centroid layer (a fraction)
 * and whose r, p and lambda are empty. Numbers in Java's shortest round-trip form, NaN as {@code NaN}; fields
 * holding a comma, quote or line break are quoted.
 */
public final class LayerProfileTable {

    static final String HEADER = "layer,depth,response,unit,r,p,lambda";
    static final String CENTROID = "centroid";

    private LayerProfileTable() {
    }

    public static void write(EncodingProfile profile, Path file) throws IOException {
        Integer[] order = byDepth(profile.depths());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (int j = 0; j < profile.responses().size(); j++) {
                String response = field(profile.responses().get(j));
                String unit = field(profile.units().get(j));
                for (int i : order) {
                    out.write(String.join(",", field(profile.layers().get(i)), Integer.toString(profile.depths()[i]),
                            response, unit, number(profile.r()[i][j]), number(profile.p()[i][j]),
                            number(profile.lambda()[i][j])) + "\n");
                }
                out.write(String.join(",", CENTROID, number(profile.centroid()[j]), response, unit, "", "", "") + "\n");
            }
        }
    }

    /** Layer indices in order of depth (stable: equal depths keep the profile's order). */
    static Integer[] byDepth(int[] depths) {
        Integer[] order = new Integer[depths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> depths[i]));
        return order;
    }

    private static String number(double v) {
        return Double.toString(v);
    }

    private static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
