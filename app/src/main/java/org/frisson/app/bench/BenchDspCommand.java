package org.frisson.app.bench;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.bench.DspBench;
import org.frisson.lsl.LslLibrary;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;

/** {@code frisson bench dsp}: what the physiology and audio features cost. */
@Command(name = "dsp", description = {
        "Cost and allocation of the physiology and audio features (JMH, GC profiler), the Python references",
        "timed on the same work, and the demo profile's share of one core."})
final class BenchDspCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        try {
            ObjectNode report = new DspBench(out, common.quick, LslLibrary.frissonHome()).run(mapper);
            common.writeJson(report, out);
        } catch (IOException | IllegalStateException e) {
            throw new CliException("dsp benchmark failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RunnerException e) {
            throw new CliException("JMH failed: " + e.getMessage());
        }
    }
}
