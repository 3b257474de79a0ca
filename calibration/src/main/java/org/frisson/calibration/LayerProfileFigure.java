package org.frisson.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A layer profile as a PNG heat map: layers by depth along x, responses along y, each cell coloured by its held-out
 * r (blue negative, white 0, red positive) and labelled with it (* when p &lt; 0.05); the best layer of each
 * response outlined, its centroid layer marked with a black triangle. Plain Java 2D, headless.
 */
public final class LayerProfileFigure {

    static final int CELL_WIDTH = 58;
    static final int CELL_HEIGHT = 24;
    static final int MARGIN = 16;
    static final int TITLE_HEIGHT = 34;
    static final int COLOUR_BAR_WIDTH = 16;
    static final int COLOUR_BAR_SPACE = 70;
    static final int LEGEND_HEIGHT = 40;

    private LayerProfileFigure() {
    }

    public static void write(EncodingProfile profile, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Layout layout = Layout.of(profile);
        BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, profile, layout);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    /** Where everything goes: the grid's corner, the image size and the colour scale. */
    record Layout(int left, int top, int columns, int rows, int width, int height, int labelHeight, Integer[] order,
            DivergingColors colours) {

        static Layout of(EncodingProfile profile) {
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            g.setFont(labelFont());
            FontMetrics fm = g.getFontMetrics();
            int responseLabel = 0;
            for (int j = 0; j < profile.responses().size(); j++) {
                responseLabel = Math.max(responseLabel, fm.stringWidth(responseLabel(profile, j)));
            }
            int layerLabel = 0;
            for (String layer : profile.layers()) {
                layerLabel = Math.max(layerLabel, fm.stringWidth(layer));
            }
            g.dispose();
            int columns = profile.layers().size();
            int rows = profile.responses().size();
            int left = MARGIN + responseLabel + 8;
            int top = MARGIN + TITLE_HEIGHT;
            // layer labels at 45°: their vertical extent is about width / √2 plus the text height
            int labelHeight = (int) Math.ceil(layerLabel / Math.sqrt(2)) + fm.getHeight() + 6;
            int width = left + columns * CELL_WIDTH + COLOUR_BAR_SPACE + MARGIN;
            int height = top + rows * CELL_HEIGHT + labelHeight + LEGEND_HEIGHT + MARGIN;
            double limit = 0.1;
            for (double[] row : profile.r()) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        limit = Math.max(limit, Math.abs(v));
                    }
                }
            }
            limit = Math.ceil(limit * 10) / 10;
            return new Layout(left, top, columns, rows, Math.max(width, 420), height, labelHeight,
                    LayerProfileTable.byDepth(profile.depths()), new DivergingColors(limit));
        }

        /** The x of the centre of column c. */
        double columnCentre(int c) {
            return left + (c + 0.5) * CELL_WIDTH;
        }

        /** The x of a (fractional) depth: linear between the columns of the nearest depths on either side. */
        double depthX(EncodingProfile profile, double depth) {
            int[] depths = profile.depths();
            double below = Double.NEGATIVE_INFINITY;
            double above = Double.POSITIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                int d = depths[order[c]];
                if (d >= 1 && d <= depth) {
                    below = Math.max(below, d);
                }
                if (d >= 1 && d >= depth) {
                    above = Math.min(above, d);
                }
            }
            double xBelow = meanColumn(profile, below);
            double xAbove = meanColumn(profile, above);
            if (below == above || Double.isNaN(xAbove)) {
                return xBelow;
            }
            if (Double.isNaN(xBelow)) {
                return xAbove;
            }
            return xBelow + (depth - below) / (above - below) * (xAbove - xBelow);
        }

        private double meanColumn(EncodingProfile profile, double depth) {
            double sum = 0;
            int count = 0;
            for (int c = 0; c < columns; c++) {
                if (profile.depths()[order[c]] == depth) {
                    sum += columnCentre(c);
                    count++;
                }
            }
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    private static void draw(Graphics2D g, EncodingProfile profile, Layout layout) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, layout.width, layout.height);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Layer profile: held-out r per layer and response", MARGIN, MARGIN + 18);

        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (int j = 0; j < layout.rows; j++) {
            int y = layout.top + j * CELL_HEIGHT;
            for (int c = 0; c < layout.columns; c++) {
                int i = layout.order[c];
                int x = layout.left + c * CELL_WIDTH;
                double r = profile.r()[i][j];
                Color fill = layout.colours.of(r);
                g.setColor(fill);
                g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                g.setFont(cellFont);
                g.setColor(DivergingColors.dark(fill) ? Color.WHITE : Color.BLACK);
                String text = Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r + 0.0)
                        .replace("-0.00", "0.00") + (profile.p()[i][j] < 0.05 ? "*" : "");
                FontMetrics fm = g.getFontMetrics();
                g.drawString(text, x + (CELL_WIDTH - fm.stringWidth(text)) / 2, y + 14);
            }
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(layout.left, y, layout.left + layout.columns * CELL_WIDTH, y);
            // the best layer
            int bestColumn = columnOf(layout, profile.bestLayer()[j]);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawRect(layout.left + bestColumn * CELL_WIDTH + 1, y + 1, CELL_WIDTH - 2, CELL_HEIGHT - 2);
            g.setStroke(new BasicStroke(1f));
            // the centroid layer
            double centroid = profile.centroid()[j];
            if (Double.isFinite(centroid)) {
                fillTriangle(g, layout.depthX(profile, centroid), y + CELL_HEIGHT - 1, 5);
            }
            // the response's label
            g.setFont(labelFont());
            g.setColor(Color.BLACK);
            String label = responseLabel(profile, j);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(label, layout.left - 8 - fm.stringWidth(label), y + CELL_HEIGHT / 2 + fm.getAscent() / 2 - 1);
        }
        int gridBottom = layout.top + layout.rows * CELL_HEIGHT;
        g.setColor(new Color(0x888888));
        g.drawRect(layout.left, layout.top, layout.columns * CELL_WIDTH, layout.rows * CELL_HEIGHT);

        // layer labels under the grid, at 45°, with the depth
        g.setFont(labelFont());
        g.setColor(Color.BLACK);
        for (int c = 0; c < layout.columns; c++) {
            int i = layout.order[c];
            AffineTransform saved = g.getTransform();
            g.translate(layout.columnCentre(c), gridBottom + 6);
            g.rotate(Math.PI / 4);
            g.drawString(profile.layers().get(i) + " (" + profile.depths()[i] + ")", 0, g.getFontMetrics().getAscent());
            g.setTransform(saved);
        }

        drawColourBar(g, layout);

        int legendY = layout.height - MARGIN - LEGEND_HEIGHT + 22;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        fillTriangle(g, MARGIN + 6, legendY + 2, 5);
        g.drawString("centroid layer (r-weighted mean depth)", MARGIN + 16, legendY);
        g.setStroke(new BasicStroke(2f));
        g.drawRect(MARGIN + 270, legendY - 11, 16, 12);
        g.setStroke(new BasicStroke(1f));
        g.drawString("best layer    * p < 0.05 (circular-shift permutations)", MARGIN + 292, legendY);
    }

    private static void drawColourBar(Graphics2D g, Layout layout) {
        int x = layout.left + layout.columns * CELL_WIDTH + 18;
        int top = layout.top;
        int height = Math.max(layout.rows * CELL_HEIGHT, 80);
        double limit = layout.colours.limit();
        for (int k = 0; k < height; k++) {
            double v = limit - 2 * limit * k / (height - 1.0);
            g.setColor(layout.colours.of(v));
            g.fillRect(x, top + k, COLOUR_BAR_WIDTH, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, top, COLOUR_BAR_WIDTH, height);
        g.setFont(labelFont());
        FontMetrics fm = g.getFontMetrics();
        for (double v : new double[] {limit, 0, -limit}) {
            int y = top + (int) Math.round((limit - v) / (2 * limit) * height);
            g.drawLine(x + COLOUR_BAR_WIDTH, y, x + COLOUR_BAR_WIDTH + 4, y);
            g.drawString(String.format(Locale.ROOT, "%.1f", v), x + COLOUR_BAR_WIDTH + 6, y + fm.getAscent() / 2 - 1);
        }
        g.drawString("r", x + 3, top - 6);
    }

    private static void fillTriangle(Graphics2D g, double x, double baseY, double half) {
        Path2D.Double triangle = new Path2D.Double();
        triangle.moveTo(x - half, baseY);
        triangle.lineTo(x + half, baseY);
        triangle.lineTo(x, baseY - 1.6 * half);
        triangle.closePath();
        g.setColor(Color.BLACK);
        g.fill(triangle);
    }

    private static int columnOf(Layout layout, int layer) {
        for (int c = 0; c < layout.columns; c++) {
            if (layout.order[c] == layer) {
                return c;
            }
        }
        throw new IllegalArgumentException("bestLayer " + layer + " is not a layer index (0.." + (layout.columns - 1)
                + ")");
    }

    private static String responseLabel(EncodingProfile profile, int j) {
        String unit = profile.units().get(j);
        return unit.isEmpty() ? profile.responses().get(j) : profile.responses().get(j) + " (" + unit + ")";
    }

    private static Font labelFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }
}
