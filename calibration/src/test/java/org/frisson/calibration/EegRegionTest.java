package org.frisson.calibration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EegRegionTest {

    @Test
    void deapMontageFallsIntoFiveRegions() {
        // DEAP's 32 channels (seed 001's data), by lobe letter
        List<String> frontal = List.of("Fp1", "AF3", "F3", "F7", "Fp2", "AF4", "Fz", "F4", "F8");
        List<String> central = List.of("FC5", "FC1", "C3", "FC6", "FC2", "Cz", "C4");
        List<String> temporal = List.of("T7", "T8", "FT9", "TP10");
        List<String> parietal = List.of("CP5", "CP1", "P3", "P7", "Pz", "CP6", "CP2", "P4", "P8");
        List<String> occipital = List.of("PO3", "O1", "Oz", "PO4", "O2", "Iz");
        frontal.forEach(c -> assertEquals(EegRegion.FRONTAL, EegRegion.of(c), c));
        central.forEach(c -> assertEquals(EegRegion.CENTRAL, EegRegion.of(c), c));
        temporal.forEach(c -> assertEquals(EegRegion.TEMPORAL, EegRegion.of(c), c));
        parietal.forEach(c -> assertEquals(EegRegion.PARIETAL, EegRegion.of(c), c));
        occipital.forEach(c -> assertEquals(EegRegion.OCCIPITAL, EegRegion.of(c), c));
        assertNull(EegRegion.of("A1"));
        assertNull(EegRegion.of("EXG1"));
    }
}
