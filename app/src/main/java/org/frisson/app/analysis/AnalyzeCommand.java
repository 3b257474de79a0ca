package org.frisson.app.analysis;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code frisson analyze}: analyses of recordings; each is a subcommand. */
@Command(name = "analyze", description = "Analyse a recording (XDF).", subcommands = {AnalyzeTransitionsCommand.class, AnalyzeChillsCommand.class,
        AnalyzeSynchronyCommand.class})
public final class AnalyzeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
