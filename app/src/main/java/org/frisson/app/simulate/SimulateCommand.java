package org.frisson.app.simulate;

import org.frisson.app.CliException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code frisson simulate}: synthetic data, one sub-command per kind. The options that used to choose the kind
 * ({@code --profile}, {@code --xdf}, {@code --cohort}, {@code --name}/{@code --type}) are refused with the
 * sub-command to type instead.
 */
@Command(name = "simulate", description = "Simulate listeners and music: a live session, a recording, a cohort or one stream.",
        subcommands = {SimulateSessionCommand.class, SimulateRecordingCommand.class, SimulateCohortCommand.class,
                SimulateStreamCommand.class})
public final class SimulateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public void run() {
        if (unmatched.isEmpty()) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return;
        }
        throw new CliException(insteadOf(unmatched));
    }

    /** What to type instead of {@code args}, the options of {@code simulate} before it had sub-commands. */
    static String insteadOf(List<String> args) {
        String profile = null;
        String xdf = null;
        String cohort = null;
        boolean stream = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String option = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            boolean moved = option.equals("--profile") || option.equals("--xdf") || option.equals("--cohort");
            if (!moved) {
                stream |= option.equals("--name") || option.equals("--type");
                rest.add(arg);
                continue;
            }
            String value = eq > 0 ? arg.substring(eq + 1)
                    : i + 1 < args.size() ? args.get(++i) : null;
            switch (option) {
                case "--profile" -> profile = value;
                case "--xdf" -> xdf = value;
                default -> cohort = value;
            }
        }
        String command;
        if (cohort != null) {
            command = "cohort " + cohort;
        } else if (xdf != null) {
            command = "recording " + (profile != null ? profile : "lab|concert|calibration") + " " + xdf;
        } else if (profile != null) {
            command = "session " + profile;
        } else if (stream) {
            command = "stream";
        } else {
            return "unknown arguments " + args + "; the sub-commands are session, recording, cohort and stream"
                    + " (frisson simulate --help)";
        }
        StringBuilder b = new StringBuilder("frisson simulate ").append(command);
        for (String r : rest) {
            b.append(' ').append(r);
        }
        return "each kind of simulation is a sub-command now: " + b;
    }
}
