package org.frisson.app.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.app.CliException;
import org.frisson.pipeline.StageCatalog;
import org.frisson.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code frisson stages}: every kind of stage a config can name, with the keys each takes. */
@Command(name = "stages", description = "List the kinds of stage with their parameters: key, type, default, unit, "
        + "range and what it does.")
public final class StagesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "Only this kind.")
    String kind;

    @Option(names = "--json", description = "Print a JSON array of every kind with its parameters.")
    boolean json;

    @Option(names = "--markdown", description = "Print the README's block of stage parameters.")
    boolean markdown;

    @Override
    public void run() {
        if (json && markdown) {
            throw new CliException("--json and --markdown exclude each other");
        }
        StageCatalog catalog = StageCatalog.installed();
        List<Stage> stages = new ArrayList<>();
        if (kind != null) {
            try {
                stages.add(catalog.create(kind));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        } else {
            catalog.kinds().forEach(k -> stages.add(catalog.create(k)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(StageDocs.json(stages)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (markdown) {
            out.print(StageDocs.markdown(stages));
        } else {
            out.print(StageDocs.text(stages));
        }
        out.flush();
    }
}
