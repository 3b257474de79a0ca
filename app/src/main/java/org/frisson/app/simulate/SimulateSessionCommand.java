package org.frisson.app.simulate;

import org.frisson.app.StopSignal;
import org.frisson.lsl.LslLibrary;
import org.frisson.sim.SessionOptions;
import org.frisson.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson simulate session}: a whole listening session coupled to music, live over LSL. */
@Command(name = "session", description = "Publish a simulated listening session coupled to music over LSL.")
final class SimulateSessionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SimulatedSessionOptions options = new SimulatedSessionOptions();

    @Option(names = "--wait", defaultValue = "0", paramLabel = "S",
            description = "Hold the start up to S seconds until every stream has a consumer (e.g. a calibration block started first).")
    double wait;

    @Override
    public void run() {
        Path truthFile = options.truthFile(LslLibrary.frissonHome().resolve(".frisson/sim-truth-" + options.session + ".json"));
        SessionOptions opts = options.sessionOptions(truthFile);
        StopSignal.install();
        try (Simulator sim = Simulator.start(opts, wait)) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("simulating a %s session (seed %d): %s%n", options.profile, options.seed, String.join(", ", sim.streams()));
            err.printf("ground truth: %s%n", truthFile);
            err.flush();
            while (!StopSignal.requested() && !sim.finished()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }
}
