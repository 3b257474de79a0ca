package org.frisson.sim;

/** The rendered music as a signal, looped. */
record AudioModel(float[] music, int rate) implements SignalModel {

    @Override
    public void sample(double t, double[] out, int offset) {
        long k = Math.round(t * rate);
        out[offset] = music[(int) (k % music.length)];
    }

    @Override
    public int channels() {
        return 1;
    }
}
