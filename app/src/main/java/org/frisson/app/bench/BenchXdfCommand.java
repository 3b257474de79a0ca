package org.frisson.app.bench;

import org.frisson.app.CliException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.bench.XdfThroughput;
import org.frisson.lsl.LslLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code frisson bench xdf}: how fast sessions are written to XDF and read back. */
@Command(name = "xdf", description = {
        "XDF recording: a simulated session (32-ch EEG 128 Hz, GSR, PPG, markers; and 64-ch EEG 1 kHz)",
        "written as fast as possible through the recorder, then read back: size, MB/s, samples/s."})
final class BenchXdfCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    BenchCommand.Common common;

    @Option(names = "--minutes", defaultValue = "10", description = "Length of the simulated session (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode report = mapper.createObjectNode();
        report.put("benchmark", "xdf");
        report.put("java", System.getProperty("java.version"));
        report.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode runs = report.putArray("runs");
        try {
            Path dir = Files.createTempDirectory(LslLibrary.frissonHome().resolve(".frisson"), "bench-xdf");
            try {
                XdfThroughput.run("warm-up", XdfThroughput.session(), Math.min(minutes, 1), dir);
                for (var scenario : java.util.Map.of("session", XdfThroughput.session(), "dense", XdfThroughput.dense())
                        .entrySet().stream().sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
                        .toList()) {
                    XdfThroughput.Result r = XdfThroughput.run(scenario.getKey(), scenario.getValue(), minutes, dir);
                    out.println("  " + r);
                    out.flush();
                    ObjectNode o = runs.addObject();
                    o.put("scenario", r.scenario());
                    o.put("minutes", r.minutes());
                    o.put("file_bytes", r.bytes());
                    o.put("samples", r.samples());
                    o.put("values", r.values());
                    o.put("chunks", r.chunks());
                    o.put("write_seconds", r.writeSeconds());
                    o.put("megabytes_per_second", r.megabytesPerSecond());
                    o.put("samples_per_second", r.samplesPerSecond());
                    o.put("producer_bytes_allocated_per_chunk", r.bytesPerChunk());
                    o.put("read_seconds", r.readSeconds());
                }
            } finally {
                Files.deleteIfExists(dir);
            }
            common.writeJson(report, out);
        } catch (IOException e) {
            throw new CliException("benchmark I/O failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
