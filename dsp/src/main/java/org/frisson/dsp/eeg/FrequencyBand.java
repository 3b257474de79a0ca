package org.frisson.dsp.eeg;

import java.util.List;

/** A named EEG frequency band {@code [lowHz, highHz)}. */
public record FrequencyBand(String name, double lowHz, double highHz) {

    public FrequencyBand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a band needs a name");
        }
        if (!(lowHz >= 0) || !(highHz > lowHz)) {
            throw new IllegalArgumentException("band " + name + " needs 0 <= low < high, got " + lowHz + " to "
                    + highHz + " Hz");
        }
    }

    /** delta 1-4, theta 4-8, alpha 8-14, beta 14-31, gamma 31-50 Hz: the SEED/SEED-IV convention (seed 001). */
    public static final List<FrequencyBand> SEED_BANDS = List.of(
            new FrequencyBand("delta", 1, 4),
            new FrequencyBand("theta", 4, 8),
            new FrequencyBand("alpha", 8, 14),
            new FrequencyBand("beta", 14, 31),
            new FrequencyBand("gamma", 31, 50));
}
