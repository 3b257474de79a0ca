package org.frisson.app.calibrate;

import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.StageCatalog;
import org.frisson.calibration.EegRegion;
import org.frisson.lsl.StreamInfo;
import org.frisson.stages.EmotionStage;
import org.frisson.stages.HeartRateStage;
import org.frisson.stages.LatestValueStage;
import org.frisson.stages.SkinConductanceStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a calibration finds what it needs among a pipeline's outputs, by following the config: the emotion
 * stage (its EEG latent, published with {@code latent: true}) and the DE stage it reads, the skin conductance,
 * heart rate and slider stages; each stage's channels on its output, named after its input streams. The stage
 * kinds, and the keys left out of a stage entry, are the stages' own declarations; the channel names are the
 * stages' conventions, which the pipeline does not publish.
 */
final class Stages {

    private static final String EMOTION = new EmotionStage().kind();
    private static final String EDA = new SkinConductanceStage().kind();
    private static final String HEART_RATE = new HeartRateStage().kind();
    private static final String LATEST = new LatestValueStage().kind();
    private static final StageCatalog CATALOG = StageCatalog.installed();

    /** A response: its name, unit, and the columns averaged into it. */
    record Column(String name, String unit, int[] columns) {
    }

    /** A bound stream's name and channel labels, kept past the pipeline that owned its description. */
    private record Bound(String name, List<String> labels) {
    }

    private final PipelineConfig cfg;
    private final Map<String, List<Bound>> byRole = new LinkedHashMap<>();
    private final PipelineConfig.StageEntry emotion;
    private final PipelineConfig.StageEntry de;

    Stages(PipelineConfig cfg, Map<String, List<StreamInfo>> byRole) {
        this.cfg = cfg;
        byRole.forEach((role, infos) -> this.byRole.put(role, infos.stream()
                .map(i -> new Bound(i.name(), i.channelLabels())).toList()));
        this.emotion = cfg.stages().stream().filter(s -> s.kind().equals(EMOTION) && s.params().containsKey("eeg"))
                .findFirst().orElseThrow(() -> new PipelineConfig.ConfigException(cfg.file()
                        + ": calibration needs an 'emotion' stage with an EEG branch ('eeg: <differential_entropy stage>')"));
        if (!Boolean.TRUE.equals(emotion.params().get("latent"))) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": stage '" + emotion.name()
                    + "': calibration needs 'latent: true' (the readouts are fitted on the EEG latent)");
        }
        String deName = String.valueOf(emotion.params().get("eeg"));
        this.de = cfg.stages().stream().filter(s -> s.name().equals(deName)).findFirst().orElseThrow(() ->
                new PipelineConfig.ConfigException(cfg.file() + ": stage '" + emotion.name() + "': no stage '" + deName + "'"));
    }

    private String outputName(PipelineConfig.StageEntry s) {
        String key = String.valueOf(CATALOG.value(s, "output"));
        PipelineConfig.Output o = cfg.outputs().get(key);
        if (o == null) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": stage '" + s.name() + "' writes on output '" + key
                    + "', which outputs does not declare");
        }
        return o.name();
    }

    private List<Bound> streams(PipelineConfig.StageEntry s) {
        return byRole.getOrDefault(String.valueOf(CATALOG.value(s, "input")), List.of());
    }

    /** The EEG branch's model file, resolved as the stage resolves it. */
    Path eegModel(Path home) {
        Path file = Path.of(String.valueOf(CATALOG.value(emotion, "eeg_model")));
        return file.isAbsolute() ? file : home.resolve(file);
    }

    int[] latentColumns(FrameTable table) {
        return table.columns(outputName(emotion), c -> c.startsWith("eeg.latent.")).stream()
                .mapToInt(Map.Entry::getValue).toArray();
    }

    List<String> latentLabels(FrameTable table) {
        return table.columns(outputName(emotion), c -> c.startsWith("eeg.latent.")).stream()
                .map(e -> e.getKey().substring("eeg.".length())).toList();
    }

    private List<Map.Entry<String, Integer>> deEntries(FrameTable table) {
        List<Bound> eeg = streams(de);
        if (eeg.size() != 1) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": stage '" + de.name()
                    + "': calibration needs exactly one EEG stream, the recording binds " + eeg.size());
        }
        String prefix = eeg.get(0).name() + ".";
        return table.columns(outputName(de), c -> c.startsWith(prefix));
    }

    int[] deColumns(FrameTable table) {
        return deEntries(table).stream().mapToInt(Map.Entry::getValue).toArray();
    }

    /** The DE features as the emotion stage sees them, {@code <channel>/<band>} (their channels without the stream). */
    List<String> eegFeatureLabels(FrameTable table) {
        String prefix = streams(de).get(0).name() + ".";
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : deEntries(table)) {
            out.add(e.getKey().substring(prefix.length()));
        }
        return out;
    }

    /**
     * The responses a layer profile is made for: phasic skin conductance and heart rate of every such stage,
     * DE per scalp region and band (mean over the region's electrodes), and every slider channel.
     */
    List<Column> responseColumns(FrameTable table) {
        List<Column> out = new ArrayList<>();
        for (PipelineConfig.StageEntry s : cfg.stages()) {
            boolean eda = s.kind().equals(EDA);
            boolean heartRate = s.kind().equals(HEART_RATE);
            if (!eda && !heartRate && !s.kind().equals(LATEST)) {
                continue;
            }
            String output = outputName(s);
            for (Bound in : streams(s)) {
                String prefix = in.name() + ".";
                if (eda) {
                    one(out, table, output, prefix + "phasic", in.name() + ".phasic", "µS");
                } else if (heartRate) {
                    one(out, table, output, prefix + "heart_rate", in.name() + ".heart_rate", "bpm");
                } else {
                    for (String label : in.labels()) {
                        one(out, table, output, prefix + label, in.name() + "." + label, "");
                    }
                }
            }
        }
        Map<String, List<Integer>> regions = new LinkedHashMap<>();
        String prefix = streams(de).get(0).name() + ".";
        for (Map.Entry<String, Integer> e : deEntries(table)) {
            String f = e.getKey().substring(prefix.length());
            int dot = f.lastIndexOf('/');
            EegRegion region = EegRegion.of(f.substring(0, dot));
            if (region != null) {
                regions.computeIfAbsent("eeg." + region.label() + "." + f.substring(dot + 1), k -> new ArrayList<>())
                        .add(e.getValue());
            }
        }
        regions.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Stages::regionOrder)))
                .forEach(e -> out.add(new Column(e.getKey(), "nats (DE)",
                        e.getValue().stream().mapToInt(Integer::intValue).toArray())));
        return out;
    }

    private static int regionOrder(String name) {
        return EegRegion.valueOf(name.split("\\.")[1].toUpperCase(java.util.Locale.ROOT)).ordinal();
    }

    private static void one(List<Column> out, FrameTable table, String output, String channel, String name, String unit) {
        int c = table.column(output, channel);
        if (c >= 0) {
            out.add(new Column(name, unit, new int[] {c}));
        }
    }
}
