package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfStream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recording's streams bound to a pipeline's inputs by the config's queries, and fed to an offline pipeline
 * in stamp order across streams, with the clock corrections the live pipeline applied (each recorded offset
 * holds from its collection time on), so a session recorded with {@code run --record} gives its live stamps back.
 */
public final class RecordingFeed {

    /** Samples per stream handed to the aligner at a time, in stamp order across streams. */
    static final int FEED_SAMPLES = 32;

    private final List<XdfStream> streams;
    private final Map<String, List<StreamInfo>> byRole;

    private RecordingFeed(List<XdfStream> streams, Map<String, List<StreamInfo>> byRole) {
        this.streams = streams;
        this.byRole = byRole;
    }

    /**
     * Matches each config input against the recording's streams; the streams the config's outputs write (an
     * earlier run's outputs, recorded with its inputs), known by their name or source id, are left out.
     *
     * @throws PipelineConfig.ConfigException when a required input matches no stream, naming the file and the input
     */
    public static RecordingFeed bind(PipelineConfig cfg, XdfFile xdf) {
        cfg.requireQueries();
        String file = String.valueOf(xdf.path());
        Set<String> outputNames = new HashSet<>();
        Set<String> outputSourceIds = new HashSet<>();
        for (PipelineConfig.Output o : cfg.outputs().values()) {
            outputNames.add(o.name());
            outputSourceIds.add(o.sourceId());
        }
        List<XdfStream> candidates = new ArrayList<>();
        List<StreamInfo> infos = new ArrayList<>();
        for (XdfStream s : xdf.streams()) {
            StreamInfo info = StreamInfo.fromXml(file + " stream " + s.id(),
                    ReplayHeader.completed(file + " stream " + s.id(), s.headerXml()));
            if (outputNames.contains(info.name()) || outputSourceIds.contains(info.sourceId())) {
                info.close();
                continue;
            }
            candidates.add(s);
            infos.add(info);
        }
        List<XdfStream> bound = new ArrayList<>();
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
                throw new PipelineConfig.ConfigException(file + ": no stream matches input '" + in.role() + "' (\""
                        + in.query() + "\" in " + cfg.file() + ")");
            }
            byRole.put(in.role(), matched);
        }
        return new RecordingFeed(bound, byRole);
    }

    /** The bound streams per role, as {@link Pipeline#offline} takes them. */
    public Map<String, List<StreamInfo>> byRole() {
        return byRole;
    }

    /** The bound streams, in the pipeline's input order. */
    public List<XdfStream> streams() {
        return streams;
    }

    /** Feeds every sample, stamp-ordered across streams; returns the seconds of data covered. */
    public double feed(Pipeline p) {
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
    public static double[] localStamps(XdfStream s) {
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
