package org.frisson.dashboards;

/**
 * The last seconds of one input stream, reduced for display: blocks of {@code factor} samples become one
 * point holding each channel's minimum and maximum (an envelope, so neither spikes nor audio vanish), at
 * most {@link #MAX_DISPLAY_RATE} points per second. Text streams keep their recent markers.
 *
 * <p>One thread writes (the pipeline's chunk listener): it fills preallocated arrays and never waits.
 * Any thread may read: it copies a range of points and then discards the ones the writer may have
 * overwritten meanwhile (a sequence check, no lock).
 */
final class DecimatedStream {

    /** Points per second and channel at most. */
    static final double MAX_DISPLAY_RATE = 100;
    /** What the page shows of raw signals. */
    static final double WINDOW_SECONDS = 10;
    /** Points kept per stream of unknown rate, and markers kept per text stream. */
    static final int IRREGULAR_POINTS = 1024;

    final StreamDescription description;
    final int channels;
    final int factor;
    final double displayRate;
    final int capacity;
    /** Points in one display window. */
    final int windowPoints;

    private final double[] stamps;
    private final float[] lo;
    private final float[] hi;
    private final String[] texts;
    private final float[] blockLo;
    private final float[] blockHi;
    private int inBlock;
    private volatile long head;

    DecimatedStream(StreamDescription description) {
        this.description = description;
        this.channels = Math.max(1, description.channels());
        double rate = description.rate();
        this.factor = rate > 0 && !description.text() ? (int) Math.max(1, Math.ceil(rate / MAX_DISPLAY_RATE)) : 1;
        this.displayRate = rate > 0 ? rate / factor : 0;
        this.windowPoints = rate > 0 && !description.text()
                ? (int) Math.ceil(WINDOW_SECONDS * displayRate) + 1 : IRREGULAR_POINTS / 2;
        // twice the window, so a reader copying the window is never overtaken
        this.capacity = 2 * windowPoints + 16;
        this.stamps = new double[capacity];
        if (description.text()) {
            this.texts = new String[capacity];
            this.lo = this.hi = this.blockLo = this.blockHi = new float[0];
        } else {
            this.texts = null;
            this.lo = new float[capacity * channels];
            this.hi = new float[capacity * channels];
            this.blockLo = new float[channels];
            this.blockHi = new float[channels];
        }
    }

    /** Adds a numeric chunk (channel-interleaved values). No allocation. */
    void add(int samples, double[] sampleStamps, double[] values) {
        int ch = channels;
        for (int i = 0; i < samples; i++) {
            int base = i * ch;
            if (inBlock == 0) {
                for (int c = 0; c < ch; c++) {
                    float x = (float) values[base + c];
                    blockLo[c] = x;
                    blockHi[c] = x;
                }
            } else {
                for (int c = 0; c < ch; c++) {
                    float x = (float) values[base + c];
                    if (x < blockLo[c] || blockLo[c] != blockLo[c]) {
                        blockLo[c] = x;
                    }
                    if (x > blockHi[c] || blockHi[c] != blockHi[c]) {
                        blockHi[c] = x;
                    }
                }
            }
            if (++inBlock == factor) {
                long h = head;
                int slot = (int) (h % capacity);
                stamps[slot] = sampleStamps[i];
                System.arraycopy(blockLo, 0, lo, slot * ch, ch);
                System.arraycopy(blockHi, 0, hi, slot * ch, ch);
                inBlock = 0;
                head = h + 1;
            }
        }
    }

    /** Adds a text chunk: the first channel of each sample is kept. No allocation. */
    void addText(int samples, double[] sampleStamps, String[] values) {
        for (int i = 0; i < samples; i++) {
            long h = head;
            int slot = (int) (h % capacity);
            stamps[slot] = sampleStamps[i];
            texts[slot] = values[i * channels];
            head = h + 1;
        }
    }

    /** Points written so far. */
    long head() {
        return head;
    }

    /** Points {@code [from, to)} that are still intact, copied out; the oldest may be missing. */
    Slice read(long from, long to) {
        long start = Math.max(from, to - capacity + 1);
        int n = (int) Math.max(0, to - start);
        double[] t = new double[n];
        float[][] l = description.text() ? null : new float[channels][n];
        float[][] h = description.text() ? null : new float[channels][n];
        String[] x = description.text() ? new String[n] : null;
        for (int k = 0; k < n; k++) {
            int slot = (int) ((start + k) % capacity);
            t[k] = stamps[slot];
            if (x != null) {
                x[k] = texts[slot];
            } else {
                for (int c = 0; c < channels; c++) {
                    l[c][k] = lo[slot * channels + c];
                    h[c][k] = hi[slot * channels + c];
                }
            }
        }
        // the writer fills slot (i % capacity) while head == i: points below head - capacity + 1 may be torn
        long firstIntact = head - capacity + 1;
        int skip = (int) Math.max(0, Math.min(n, firstIntact - start));
        return new Slice(t, l, h, x).from(skip);
    }

    /** A copy of some points: stamps, per channel minima and maxima, or texts. */
    record Slice(double[] stamps, float[][] lo, float[][] hi, String[] texts) {
        int size() {
            return stamps.length;
        }

        Slice from(int skip) {
            if (skip == 0) {
                return this;
            }
            int n = stamps.length;
            double[] t = java.util.Arrays.copyOfRange(stamps, skip, n);
            if (texts != null) {
                return new Slice(t, null, null, java.util.Arrays.copyOfRange(texts, skip, n));
            }
            float[][] l = new float[lo.length][];
            float[][] h = new float[hi.length][];
            for (int c = 0; c < lo.length; c++) {
                l[c] = java.util.Arrays.copyOfRange(lo[c], skip, n);
                h[c] = java.util.Arrays.copyOfRange(hi[c], skip, n);
            }
            return new Slice(t, l, h, null);
        }
    }
}
