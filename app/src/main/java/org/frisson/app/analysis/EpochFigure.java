package org.frisson.app.analysis;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws {@link EventResponse.Result} as seed 002 shows it: the mean response with its standard
 * error around the events (blue) and around random moments (orange), onset at 0. Plain Java 2D,
 * headless, to a PNG.
 */
public final class EpochFigure {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final Color EVENTS = new Color(0x1F77B4);
    private static final Color RANDOM = new Color(0xFF7F0E);
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    private EpochFigure() {
    }

    public static void write(EventResponse.Result r, String title, String events, String yLabel, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, r, title, events, yLabel);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private static void draw(Graphics2D g, EventResponse.Result r, String title, String events, String yLabel) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double[] t = r.times();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            for (double v : new double[]{r.eventMean()[i] - se(r.eventSe()[i]), r.eventMean()[i]
                    + se(r.eventSe()[i]), r.randomMean()[i] - se(r.randomSe()[i]), r.randomMean()[i] + se(r.randomSe()[i])}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            lo = -1;
            hi = 1;
        }
        double pad = 0.08 * (hi - lo);
        Axis x = new Axis(t[0], t[t.length - 1], LEFT, WIDTH - RIGHT);
        Axis y = new Axis(lo - pad, hi + pad, HEIGHT - BOTTOM, TOP);

        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(0xE6E6E6));
        g.setStroke(new BasicStroke(1f));
        double yStep = niceStep(y.max - y.min);
        for (double v = Math.ceil(y.min / yStep) * yStep; v <= y.max; v += yStep) {
            int py = y.px(v);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, yStep < 0.1 ? "%.2f" : "%.1f", Math.abs(v) < 1e-12 ? 0 : v);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        for (double v = Math.ceil(x.min); v <= x.max + 1e-9; v += 1) {
            int px = x.px(v);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, px - fm.stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        g.drawLine(x.px(0), TOP, x.px(0), HEIGHT - BOTTOM);
        if (y.min < 0 && y.max > 0) {
            g.drawLine(LEFT, y.px(0), WIDTH - RIGHT, y.px(0));
        }
        band(g, x, y, t, r.randomMean(), r.randomSe(), RANDOM);
        band(g, x, y, t, r.eventMean(), r.eventSe(), EVENTS);
        line(g, x, y, t, r.randomMean(), RANDOM);
        line(g, x, y, t, r.eventMean(), EVENTS);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(small);
        g.drawString(String.format(Locale.ROOT, "post-onset mean (0-%.0f s): %.3f vs %.3f; permutation p = %.4f"
                        + " (one-sided, %d shuffles)", t[t.length - 1], r.eventAmplitude(), r.randomAmplitude(),
                r.p(), r.permutations()), LEFT, 48);
        String xl = "time from onset (s)";
        g.drawString(xl, LEFT + (WIDTH - RIGHT - LEFT - fm.stringWidth(xl)) / 2, HEIGHT - 22);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yl = yLabel;
        rotated.drawString(yl, -(TOP + (HEIGHT - BOTTOM - TOP + fm.stringWidth(yl)) / 2), 24);
        rotated.dispose();
        legend(g, fm, LEFT + 14, TOP + 14, EVENTS, events + " (n = " + r.eventEpochs() + ")");
        legend(g, fm, LEFT + 14, TOP + 34, RANDOM, "random moments of the music (n = " + r.randomEpochs() + ")");
    }

    private static double se(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static void band(Graphics2D g, Axis x, Axis y, double[] t, double[] m, double[] se, Color c) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < t.length; i++) {
            double v = m[i] + se(se[i]);
            if (i == 0) {
                p.moveTo(x.px(t[i]), y.px(v));
            } else {
                p.lineTo(x.px(t[i]), y.px(v));
            }
        }
        for (int i = t.length - 1; i >= 0; i--) {
            p.lineTo(x.px(t[i]), y.px(m[i] - se(se[i])));
        }
        p.closePath();
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
        g.fill(p);
    }

    private static void line(Graphics2D g, Axis x, Axis y, double[] t, double[] m, Color c) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < t.length; i++) {
            if (i == 0) {
                p.moveTo(x.px(t[i]), y.px(m[i]));
            } else {
                p.lineTo(x.px(t[i]), y.px(m[i]));
            }
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(p);
    }

    private static void legend(Graphics2D g, FontMetrics fm, int px, int py, Color c, String text) {
        g.setColor(c);
        g.setStroke(new BasicStroke(3f));
        g.drawLine(px, py, px + 24, py);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, px + 32, py + fm.getAscent() / 2 - 1);
    }

    /** 1, 2 or 5 times a power of ten, about six ticks over {@code span}. */
    static double niceStep(double span) {
        double raw = span / 6;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    /** Data to pixels along one axis. */
    private record Axis(double min, double max, int from, int to) {
        int px(double v) {
            return (int) Math.round(from + (v - min) / (max - min) * (to - from));
        }
    }
}
