package org.frisson.app.simulate;

import org.frisson.app.CliException;
import org.frisson.sim.SessionFile;
import org.frisson.sim.SessionOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/** {@code frisson simulate recording}: the session {@code simulate session} publishes, written into an XDF file. */
@Command(name = "recording", description = {
        "Write a simulated listening session into an XDF file.",
        "As fast as possible, stamped from 1000 s (lab and concert need --duration); the ground truth defaults"
                + " to FILE-truth.json beside it."})
final class SimulateRecordingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SimulatedSessionOptions options = new SimulatedSessionOptions();

    @Parameters(index = "1", paramLabel = "FILE.xdf", description = "The XDF file to write.")
    Path xdf;

    @Option(names = "--overwrite", description = "Replace an existing file.")
    boolean overwrite;

    @Override
    public void run() {
        Path truthFile = options.truthFile(xdf.resolveSibling(
                xdf.getFileName().toString().replaceFirst("\\.xdf$", "") + "-truth.json"));
        SessionOptions opts = options.sessionOptions(truthFile);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        try {
            SessionFile.Written w = SessionFile.write(opts, xdf, overwrite);
            err.printf("wrote a %s session (seed %d, %.0f s, %d streams) to %s in %.1f s%n", options.profile, options.seed,
                    w.seconds(), w.streams(), xdf, (System.nanoTime() - t0) / 1e9);
            err.printf("ground truth: %s%n", truthFile);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(xdf + " exists; choose another file or pass --overwrite");
        } catch (IOException e) {
            throw new CliException(xdf + ": " + e.getMessage());
        }
        err.flush();
    }
}
