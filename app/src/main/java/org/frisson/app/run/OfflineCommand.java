package org.frisson.app.run;

import org.frisson.app.CliException;
import org.frisson.app.calibrate.ProfileStage;
import org.frisson.app.devices.DeviceInputs;
import org.frisson.pipeline.CsvOutputs;
import org.frisson.pipeline.RecordingFeed;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.PipelineRecorder;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code frisson offline}: the pipeline of a config over a recording, as fast as the CPU allows. The same
 * stages as live; inputs are the recording's streams bound by the config's queries, with the clock
 * corrections the live pipeline applied (each recorded offset holds from its collection time on), so a
 * session recorded with {@code run --record} gives the same numbers offline.
 */
@Command(name = "offline", description = "Run a pipeline over an XDF recording; write every output as CSV and XDF.")
public final class OfflineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.xdf")
    Path file;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config (YAML).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where outputs go: <name>.csv per output and outputs.xdf.")
    Path out;

    @Option(names = "--overwrite", description = "Replace outputs.xdf if it exists.")
    boolean overwrite;

    @Option(names = "--profile", paramLabel = "DIR", description = "A listener's calibration profile: adds their readouts, as run --profile does.")
    Path profile;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        PipelineConfig cfg = DeviceInputs.recorded(PipelineConfig.load(config));
        if (profile != null) {
            cfg = ProfileStage.add(cfg, profile);
        }
        XdfFile xdf;
        try {
            xdf = XdfReader.read(file, XdfReader.Options.raw());
        } catch (IOException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
        RecordingFeed recording = RecordingFeed.bind(cfg, xdf);
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (IOException e) {
            throw new CliException("cannot create " + out + ": " + e.getMessage());
        }
        CsvOutputs csv = new CsvOutputs(out);
        PipelineRecorder xdfOut = new PipelineRecorder(out.resolve("outputs.xdf"), overwrite);
        long start = System.nanoTime();
        double span;
        long frames;
        try (xdfOut; Pipeline p = Pipeline.offline(cfg, recording.byRole(), List.of(csv, xdfOut.outputs()), line -> w.println("# " + line))) {
            span = recording.feed(p);
            p.finish();
            frames = p.frames();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        w.printf("offline: %d frames from %.1f s of data in %.2f s (%.0fx real time); wrote %s and %s%n", frames, span,
                wall, span / wall, csv.files(), xdfOut.file());
        w.flush();
    }

}
