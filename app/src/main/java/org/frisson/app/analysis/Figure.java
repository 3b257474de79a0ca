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
import java.util.List;
import java.util.Locale;

/**
 * The analyses' figures: lines over time, each with an optional band (± its standard error), a title and a
 * subtitle, a legend. Plain Java 2D, headless, to a PNG. A NaN breaks a line.
 */
final class Figure {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    /**
     * @param xStep  seconds between x ticks (0: a round step chosen from the span)
     * @param xMark  an x drawn as a dashed vertical line (the onset), or NaN
     */
    record Frame(String title, String subtitle, String xLabel, String yLabel, double xStep, double xMark) {
    }

    /** One line; {@code se} null for none. */
    record Series(String label, Color color, double[] t, double[] y, double[] se) {
    }

    private Figure() {
    }

    static void write(Path file, Frame frame, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, frame, series);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private static void draw(Graphics2D g, Frame f, List<Series> series) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double t0 = Double.POSITIVE_INFINITY;
        double t1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.t().length; i++) {
                t0 = Math.min(t0, s.t()[i]);
                t1 = Math.max(t1, s.t()[i]);
                double e = s.se() == null ? 0 : finite(s.se()[i]);
                for (double v : new double[]{s.y()[i] - e, s.y()[i] + e}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!(hi > lo)) {
            lo = -1;
            hi = 1;
        }
        if (!(t1 > t0)) {
            t1 = t0 + 1;
        }
        double pad = 0.08 * (hi - lo);
        Axis x = new Axis(t0, t1, LEFT, WIDTH - RIGHT);
        Axis y = new Axis(lo - pad, hi + pad, HEIGHT - BOTTOM, TOP);

        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
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
        double xStep = f.xStep() > 0 ? f.xStep() : niceStep(x.max - x.min);
        for (double v = Math.ceil(x.min / xStep) * xStep; v <= x.max + 1e-9; v += xStep) {
            int px = x.px(v);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.0f", v);
            g.drawString(label, px - fm.stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        if (f.xMark() >= x.min && f.xMark() <= x.max) {
            g.drawLine(x.px(f.xMark()), TOP, x.px(f.xMark()), HEIGHT - BOTTOM);
        }
        if (y.min < 0 && y.max > 0) {
            g.drawLine(LEFT, y.px(0), WIDTH - RIGHT, y.px(0));
        }
        for (Series s : series) {
            if (s.se() != null) {
                band(g, x, y, s);
            }
        }
        for (Series s : series) {
            line(g, x, y, s);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(f.title(), LEFT, 28);
        g.setFont(small);
        g.drawString(f.subtitle(), LEFT, 48);
        g.drawString(f.xLabel(), LEFT + (WIDTH - RIGHT - LEFT - fm.stringWidth(f.xLabel())) / 2, HEIGHT - 22);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(f.yLabel(), -(TOP + (HEIGHT - BOTTOM - TOP + fm.stringWidth(f.yLabel())) / 2), 24);
        rotated.dispose();
        for (int k = 0; k < series.size(); k++) { // the last drawn on top, listed first
            Series s = series.get(series.size() - 1 - k);
            legend(g, fm, LEFT + 14, TOP + 14 + 20 * k, s.color(), s.label());
        }
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static void band(Graphics2D g, Axis x, Axis y, Series s) {
        double[] t = s.t();
        int i = 0;
        while (i < t.length) { // one closed shape per run of finite values
            while (i < t.length && !Double.isFinite(s.y()[i])) {
                i++;
            }
            int from = i;
            while (i < t.length && Double.isFinite(s.y()[i])) {
                i++;
            }
            if (i - from < 2) {
                continue;
            }
            Path2D.Double p = new Path2D.Double();
            for (int k = from; k < i; k++) {
                double v = s.y()[k] + finite(s.se()[k]);
                if (k == from) {
                    p.moveTo(x.px(t[k]), y.px(v));
                } else {
                    p.lineTo(x.px(t[k]), y.px(v));
                }
            }
            for (int k = i - 1; k >= from; k--) {
                p.lineTo(x.px(t[k]), y.px(s.y()[k] - finite(s.se()[k])));
            }
            p.closePath();
            g.setColor(new Color(s.color().getRed(), s.color().getGreen(), s.color().getBlue(), 60));
            g.fill(p);
        }
    }

    private static void line(Graphics2D g, Axis x, Axis y, Series s) {
        Path2D.Double p = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.t().length; i++) {
            double v = s.y()[i];
            if (!Double.isFinite(v)) {
                pen = false;
            } else if (!pen) {
                p.moveTo(x.px(s.t()[i]), y.px(v));
                pen = true;
            } else {
                p.lineTo(x.px(s.t()[i]), y.px(v));
            }
        }
        g.setColor(s.color());
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
