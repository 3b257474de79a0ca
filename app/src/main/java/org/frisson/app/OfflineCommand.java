package org.frisson.app;

import org.frisson.app.pipeline.CsvOutputs;
import org.frisson.app.pipeline.Pipeline;
import org.frisson.app.pipeline.PipelineConfig;
import org.frisson.app.pipeline.PipelineRecorder;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code frisson offline}: the pipeline of a config over a recording, as fast as the CPU allows. The same
 * stages as live; inputs are the recording's streams bound by the config's queries, with the clock
 * corrections the live pipeline applied (each recorded offset holds from its collection time on), so a
 * session recorded with {@code run --record} gives the same numbers offline.
 */
@Command(name = "offline", description = "Run a pipeline over an XDF recording; write every output as CSV and XDF.")
final class OfflineCommand implements Runnable {

    /** Samples per stream handed to the aligner at a time, in stamp order across streams. */
    static final int FEED_SAMPLES = 32;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.xdf")
    Path file;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Pipeline config (YAML).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where outputs go: <name>.csv per output and outputs.xdf.")
    Path out;

    @Option(names = "--overwrite", description = "Replace outputs.xdf if it exists.")
    boolean overwrite;

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        PipelineConfig cfg = PipelineConfig.load(config);
        XdfFile xdf;
        try {
            xdf = XdfReader.read(file, XdfReader.Options.raw());
        } catch (IOException e) {
            throw new Frisson.CliException(file + ": " + e.getMessage());
        }
        List<XdfStream> streams = new ArrayList<>();
        Map<String, List<StreamInfo>> byRole = bind(cfg, xdf, streams);
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (IOException e) {
            throw new Frisson.CliException("cannot create " + out + ": " + e.getMessage());
        }
        CsvOutputs csv = new CsvOutputs(out);
        PipelineRecorder xdfOut = new PipelineRecorder(out.resolve("outputs.xdf"), overwrite);
        long start = System.nanoTime();
        double span;
        long frames;
        try (xdfOut; Pipeline p = Pipeline.offline(cfg, byRole, List.of(csv, xdfOut.outputs()), line -> w.println("# " + line))) {
            span = feed(p, streams);
            p.finish();
            frames = p.frames();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        w.printf("offline: %d frames from %.1f s of data in %.2f s (%.0fx real time); wrote %s and %s%n", frames, span,
                wall, span / wall, csv.files(), xdfOut.file());
        w.flush();
    }

    /** Matches each config input against the recording's streams (outputs of an earlier run excluded). */
    private Map<String, List<StreamInfo>> bind(PipelineConfig cfg, XdfFile xdf, List<XdfStream> bound) {
        List<XdfStream> candidates = new ArrayList<>();
        List<StreamInfo> infos = new ArrayList<>();
        for (XdfStream s : xdf.streams()) {
            if (s.name().startsWith("frisson.")) {
                continue;
            }
            candidates.add(s);
            infos.add(StreamInfo.fromXml(file + " stream " + s.id(), ReplayHeader.completed(file + " stream " + s.id(),
                    s.headerXml())));
        }
        Map<String, List<StreamInfo>> byRole = new LinkedHashMap<>();
        for (PipelineConfig.Input in : cfg.inputs()) {
            List<StreamInfo> matched = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (infos.get(i).matches(in.query()) && (in.multiple() || matched.isEmpty())) {
                    matched.add(infos.get(i));
                    bound.add(candidates.get(i));
                }
            }
            if (matched.isEmpty() && in.required()) {
                throw new Frisson.CliException(file + ": no stream matches input '" + in.role() + "' (\"" + in.query()
                        + "\" in " + cfg.file() + ")");
            }
            byRole.put(in.role(), matched);
        }
        return byRole;
    }

    /** Feeds every sample, stamp-ordered across streams; returns the seconds of data covered. */
    private static double feed(Pipeline p, List<XdfStream> streams) {
        int n = streams.size();
        double[][] local = new double[n][];
        int[] next = new int[n];
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            local[s] = localStamps(streams.get(s));
            if (local[s].length > 0) {
                first = Math.min(first, local[s][0]);
                last = Math.max(last, local[s][local[s].length - 1]);
            }
        }
        int maxChannels = streams.stream().mapToInt(XdfStream::channelCount).max().orElse(1);
        double[] stamps = new double[FEED_SAMPLES];
        double[] values = new double[FEED_SAMPLES * maxChannels];
        String[] texts = new String[FEED_SAMPLES * maxChannels];
        while (true) {
            int pick = -1;
            double pickStamp = Double.POSITIVE_INFINITY;
            double second = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                if (next[s] < local[s].length) {
                    double t = local[s][next[s]];
                    if (t < pickStamp) {
                        second = pickStamp;
                        pickStamp = t;
                        pick = s;
                    } else if (t < second) {
                        second = t;
                    }
                }
            }
            if (pick < 0) {
                break;
            }
            XdfStream st = streams.get(pick);
            int ch = st.channelCount();
            boolean text = st.format() == ChannelFormat.STRING;
            int k = 0;
            while (k < FEED_SAMPLES && next[pick] < local[pick].length
                    && (k == 0 || local[pick][next[pick]] <= second)) {
                int i = next[pick]++;
                stamps[k] = local[pick][i];
                for (int c = 0; c < ch; c++) {
                    if (text) {
                        texts[k * ch + c] = st.text(i, c);
                    } else {
                        values[k * ch + c] = st.value(i, c);
                    }
                }
                k++;
            }
            p.feed(pick, k, stamps, values, text ? texts : null); // bound streams are in the pipeline's input order
        }
        return last - first;
    }

    /** Raw stamps plus, from each recorded offset's collection time on, that offset: the live stamps. */
    static double[] localStamps(XdfStream s) {
        double[] raw = s.stamps();
        double[] times = s.clockTimes();
        double[] offsets = s.clockValues();
        double[] out = new double[raw.length];
        int k = -1;
        for (int i = 0; i < raw.length; i++) {
            while (k + 1 < times.length && times[k + 1] <= raw[i]) {
                k++;
            }
            double offset = k >= 0 ? offsets[k] : (offsets.length > 0 ? offsets[0] : 0.0);
            out[i] = raw[i] + offset;
        }
        return out;
    }
}
