package org.frisson.app.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code frisson bench}: measured speed. Each benchmark is a subcommand; numbers go to docs/perf.md. */
@Command(name = "bench", description = "Run a benchmark and print its numbers (see docs/perf.md).",
        subcommands = {BenchLslCommand.class, BenchPipelineCommand.class, BenchXdfCommand.class,
                BenchDspCommand.class, BenchEmbedCommand.class, BenchSoakCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every benchmark takes. */
    static final class Common {
        @Option(names = "--quick", description = "Short runs (numbers are rougher).")
        boolean quick;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the results here as JSON.")
        Path json;

        /** Writes {@code report} to the {@code --json} file, if one was given, and says so. */
        void writeJson(com.fasterxml.jackson.databind.JsonNode report, java.io.PrintWriter out) throws java.io.IOException {
            if (json != null) {
                java.nio.file.Files.writeString(json, new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(report));
                out.println("wrote " + json);
            }
        }
    }
}
