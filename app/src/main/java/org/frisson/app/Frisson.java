package org.frisson.app;

import org.frisson.app.analysis.AnalyzeCommand;
import org.frisson.app.audio.CaptureCommand;
import org.frisson.app.audio.EmbedCommand;
import org.frisson.app.audio.PlayCommand;
import org.frisson.app.bench.BenchCommand;
import org.frisson.app.calibrate.CalibrateCommand;
import org.frisson.app.devices.DeviceCommand;
import org.frisson.app.doctor.DoctorCommand;
import org.frisson.app.hall.EdgeCommand;
import org.frisson.app.hall.KafkaCommand;
import org.frisson.app.run.DemoCommand;
import org.frisson.app.run.OfflineCommand;
import org.frisson.app.run.RunCommand;
import org.frisson.app.simulate.SimulateCommand;
import org.frisson.app.stages.StagesCommand;
import org.frisson.app.streams.EchoCommand;
import org.frisson.app.streams.InfoCommand;
import org.frisson.app.streams.RecordCommand;
import org.frisson.app.streams.ReplayCommand;
import org.frisson.app.streams.StreamsCommand;
import org.frisson.lsl.LslException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code frisson} command line. */
@Command(name = "frisson", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = VersionCommand.Provider.class,
        description = "Real-time music-physiology neurofeedback on Lab Streaming Layer.",
        subcommands = {VersionCommand.class, DoctorCommand.class, StreamsCommand.class, SimulateCommand.class, EchoCommand.class,
                DemoCommand.class, CalibrateCommand.class, RecordCommand.class, ReplayCommand.class, InfoCommand.class, RunCommand.class, OfflineCommand.class,
                BenchCommand.class, EmbedCommand.class, CaptureCommand.class, PlayCommand.class,
                AnalyzeCommand.class, StagesCommand.class, DeviceCommand.class, KafkaCommand.class, EdgeCommand.class})
public final class Frisson implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this in-process). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The CLI with Frisson's error handling (a user-facing failure is one line and exit code 2). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Frisson());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LslException || e instanceof IllegalArgumentException || e instanceof CliException
                    || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
