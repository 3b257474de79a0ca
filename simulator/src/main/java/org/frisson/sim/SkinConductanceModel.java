package org.frisson.sim;

import java.util.SplittableRandom;

/**
 * Skin conductance in microsiemens: a slowly drifting tonic level plus the planned responses, each a
 * bi-exponential (rise time constant 0.75 s, recovery 2 s, typical SCR shapes) , plus sensor noise.
 */
public final class SkinConductanceModel implements SignalModel {

    static final double RISE_SECONDS = 0.75;
    static final double DECAY_SECONDS = 2.0;

    private final ListenerPlan plan;
    private final double pieceLength;
    private final SplittableRandom random;
    private final double tonic;
    private double drift;

    public SkinConductanceModel(ListenerPlan plan, double pieceLength, long seed) {
        this.plan = plan;
        this.pieceLength = pieceLength;
        this.random = new SplittableRandom(seed);
        this.tonic = 3 + 4 * random.nextDouble();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public void sample(double t, double[] out, int offset) {
        drift = 0.9995 * drift + 0.002 * random.nextGaussian();
        double u = ((t % pieceLength) + pieceLength) % pieceLength;
        double phasic = 0;
        for (ListenerPlan.Response r : plan.responses()) {
            phasic += r.amplitude() * shape(u - r.onset());
            // the tail of the previous pass of the piece
            phasic += r.amplitude() * shape(u + pieceLength - r.onset());
        }
        out[offset] = tonic + 0.3 * Math.sin(2 * Math.PI * t / 300) + drift + phasic + 0.005 * random.nextGaussian();
    }

    /** Unit-peak bi-exponential response {@code dt} seconds after onset. */
    static double shape(double dt) {
        if (dt <= 0 || dt > 30) {
            return 0;
        }
        double peakAt = Math.log(DECAY_SECONDS / RISE_SECONDS) * RISE_SECONDS * DECAY_SECONDS / (DECAY_SECONDS - RISE_SECONDS);
        double norm = Math.exp(-peakAt / DECAY_SECONDS) - Math.exp(-peakAt / RISE_SECONDS);
        return (Math.exp(-dt / DECAY_SECONDS) - Math.exp(-dt / RISE_SECONDS)) / norm;
    }
}
