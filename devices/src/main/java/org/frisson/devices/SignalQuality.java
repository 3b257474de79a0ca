package org.frisson.devices;

/**
 * Whether each EEG channel is measuring anything like EEG, from its amplitude alone: the standard deviation of
 * each one-second block. A channel is good when it lies within [{@value #FLAT_MICROVOLTS},
 * {@value #RAILED_MICROVOLTS}] µV. Below, the channel is flat: under the input noise of any EEG amplifier
 * (about 1 µV), so it is shorted, off, or sending zeros. Above, it is far beyond scalp EEG (tens of µV): an
 * electrode off the skin, a saturated (railed) input, or movement. This is a plain amplitude check that works on
 * every board, not a board's own impedance measurement; it says which channels to look at, not that the others
 * are clean.
 *
 * <p>Fed row-major pulls ({@link BoardSession#pull}); allocation-free. One writer thread; the results are read
 * after each block by the same thread.
 */
final class SignalQuality {

    static final double FLAT_MICROVOLTS = 0.5;
    static final double RAILED_MICROVOLTS = 500;

    private final int[] rows;
    private final int blockSamples;
    private final double[] shift;
    private final double[] sum;
    private final double[] sumSquares;
    private final boolean[] good;
    private int filled;
    private int goodChannels;
    private boolean measured;

    /** @param rows the EEG rows; @param blockSamples samples per block (one second of the board). */
    SignalQuality(int[] rows, int blockSamples) {
        this.rows = rows.clone();
        this.blockSamples = Math.max(2, blockSamples);
        this.shift = new double[rows.length];
        this.sum = new double[rows.length];
        this.sumSquares = new double[rows.length];
        this.good = new boolean[rows.length];
    }

    /** Adds {@code n} samples of a row-major pull; returns whether a block was completed (results changed). */
    boolean add(double[] data, int n) {
        boolean completed = false;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < rows.length; c++) {
                double v = data[rows[c] * n + i];
                if (filled == 0) {
                    shift[c] = v; // summing from the block's first value keeps the variance exact at large offsets
                }
                double d = v - shift[c];
                sum[c] += d;
                sumSquares[c] += d * d;
            }
            if (++filled == blockSamples) {
                completeBlock();
                completed = true;
            }
        }
        return completed;
    }

    private void completeBlock() {
        int count = 0;
        for (int c = 0; c < rows.length; c++) {
            double mean = sum[c] / filled;
            double sd = Math.sqrt(Math.max(0, sumSquares[c] / filled - mean * mean));
            good[c] = sd >= FLAT_MICROVOLTS && sd <= RAILED_MICROVOLTS; // NaN is not good
            count += good[c] ? 1 : 0;
            sum[c] = 0;
            sumSquares[c] = 0;
        }
        goodChannels = count;
        filled = 0;
        measured = true;
    }

    /** Starts over (a new session): nothing measured. */
    void reset() {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSquares, 0);
        filled = 0;
        measured = false;
    }

    /** Fraction of channels good in the last block; NaN before the first block or without EEG. */
    double fraction() {
        return measured && rows.length > 0 ? goodChannels / (double) rows.length : Double.NaN;
    }

    /** Whether channel {@code c} (in row order) was good in the last block. */
    boolean good(int c) {
        return measured && good[c];
    }

    int channels() {
        return rows.length;
    }
}
