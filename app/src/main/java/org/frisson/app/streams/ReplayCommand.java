package org.frisson.app.streams;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfProblem;
import org.frisson.xdf.XdfStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code frisson replay}: a recording, live again on LSL. */
@Command(name = "replay", description = {
        "Republish the streams of an XDF file over LSL with their original metadata and timing.",
        "Stamps are clock-synchronized as pyxdf does (not dejittered) and replayed relative to the first one."})
public final class ReplayCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.xdf")
    Path file;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X", description = "Play X times faster (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--loop", description = "Start over at the end, until Ctrl-C.")
    boolean loop;

    @Option(names = "--streams", arity = "1..*", paramLabel = "NAME", description = "Replay only these streams (by name).")
    List<String> names = new ArrayList<>();

    @Option(names = "--wait", defaultValue = "0", paramLabel = "S",
            description = "Wait up to S seconds for an inlet on every stream before starting (default: ${DEFAULT-VALUE}).")
    double wait;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        XdfFile f;
        try {
            f = XdfReplay.read(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        for (XdfProblem p : f.problems()) {
            err.println("warning: " + p);
        }
        StopSignal.install();
        try (XdfReplay replay = new XdfReplay(f, names, speed, loop)) {
            for (XdfStream s : replay.streams()) {
                err.printf("replaying '%s' (%s, %d ch %s, %d samples)%n", s.name(), s.type(), s.channelCount(), s.format(),
                        s.sampleCount());
            }
            err.printf("%.1f s of recording at speed %s%s; Ctrl-C to stop%n", replay.span(), speed, loop ? ", looping" : "");
            err.flush();
            replay.run(StopSignal::requested, wait);
            err.println("replay " + (StopSignal.requested() ? "stopped" : "finished"));
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
