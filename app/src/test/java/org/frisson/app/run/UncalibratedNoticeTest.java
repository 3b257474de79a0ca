package org.frisson.app.run;

import org.frisson.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that predicts a listener's valence and arousal without their profile says so, with the way to make one. */
class UncalibratedNoticeTest {

    private static PipelineConfig config(String name) {
        return PipelineConfig.load(Path.of(System.getProperty("frisson.home", "..")).resolve("configs/" + name));
    }

    @Test
    void theLabConfigWithoutAProfileSaysTheListenerIsNotCalibrated() {
        String line = RunCommand.uncalibrated(config("lab.yaml")).orElseThrow();
        assertTrue(line.startsWith("frisson: NOTE the listener has not been calibrated"), line);
        assertTrue(line.contains("./frisson calibrate --config configs/calibration.yaml") && line.contains("--profile"), line);
    }

    @Test
    void aConfigWithoutTheEmotionStageSaysNothing() {
        assertTrue(RunCommand.uncalibrated(config("concert.yaml")).isEmpty());
        assertTrue(RunCommand.uncalibrated(config("device-synthetic.yaml")).isEmpty());
    }
}
