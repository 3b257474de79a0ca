package org.frisson.calibration;

import java.util.List;
import java.util.Locale;

/**
 * Scalp regions of the international 10-20/10-10 system, by electrode name: the "brain regions" an EEG
 * listener offers to a layer-wise encoding analysis (seed 000 maps layers onto cortical areas; a cap gives
 * regions). The letters name the lobe: Fp/AF/F frontal, FC/C central, FT/T/TP temporal, CP/P parietal,
 * PO/O/I occipital.
 */
public enum EegRegion {
    FRONTAL, CENTRAL, TEMPORAL, PARIETAL, OCCIPITAL;

    /** Regions in a fixed order (front to back). */
    public static final List<EegRegion> ALL = List.of(values());

    /** The region of an electrode called {@code channel} (case-insensitive), or null for a name outside 10-20. */
    public static EegRegion of(String channel) {
        String c = channel.trim().toUpperCase(Locale.ROOT);
        String letters = c.replaceAll("[0-9Z]+$", "");
        return switch (letters) {
            case "FP", "AF", "F" -> FRONTAL;
            case "FC", "C" -> CENTRAL;
            case "FT", "T", "TP" -> TEMPORAL;
            case "CP", "P" -> PARIETAL;
            case "PO", "O", "I" -> OCCIPITAL;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
