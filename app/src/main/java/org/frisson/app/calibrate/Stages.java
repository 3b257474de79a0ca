package org.frisson.app.calibrate;

import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.StageCatalog;
import org.frisson.pipeline.StageChannel;
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
import java.util.function.Predicate;

/**
 * Where a calibration finds what it needs among a pipeline's outputs, by following the config: the emotion
 * stage (its EEG latent, published with {@code latent: true}) and the DE stage it reads, the skin conductance,
 * heart rate and slider stages. Which channels each stage wrote, on which output and in which unit, is what the
 * pipeline reports ({@link StageChannel}); the stage kinds, the keys left out of a stage entry (its declared
 * defaults) and the names of the channels a calibration picks (the phasic part, the heart rate, the latent)
 * are the stages' own.
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

    private final PipelineConfig cfg;
    /** The names of the streams bound to each input role. */
    private final Map<String, List<String>> byRole = new LinkedHashMap<>();
    private final PipelineConfig.StageEntry emotion;
    private final PipelineConfig.StageEntry de;

    Stages(PipelineConfig cfg, Map<String, List<StreamInfo>> byRole) {
        this.cfg = cfg;
        byRole.forEach((role, infos) -> this.byRole.put(role, infos.stream().map(StreamInfo::name).toList()));
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

    private List<String> streams(PipelineConfig.StageEntry s) {
        return byRole.getOrDefault(String.valueOf(CATALOG.value(s, "input")), List.of());
    }

    /** The EEG branch's model file, resolved as the stage resolves it. */
    Path eegModel(Path home) {
        Path file = Path.of(String.valueOf(CATALOG.value(emotion, "eeg_model")));
        return file.isAbsolute() ? file : home.resolve(file);
    }

    /** The music branch's model file, resolved as the stage resolves it (the default when the config names none). */
    Path musicModel(Path home) {
        Path file = Path.of(String.valueOf(CATALOG.value(emotion, "music_model")));
        return file.isAbsolute() ? file : home.resolve(file);
    }

    /** What a calibration reads, found among the channels the pipeline says each stage wrote. */
    record Found(int[] latentColumns, List<String> latentLabels, int[] deColumns, List<String> eegFeatureLabels,
                 List<Column> responses) {
    }

    /** A channel a stage wrote and its column in the frame table. */
    private record Located(StageChannel channel, int column) {
    }

    /** Finds, in {@code table}, the columns of the channels the pipeline reports in {@code written}. */
    Found find(FrameTable table, List<StageChannel> written) {
        List<Located> latent = of(emotion, written, table,
                c -> c.label().startsWith(EmotionStage.LATENT_CHANNEL));
        List<Located> deChannels = deChannels(written, table);
        String prefix = streams(de).get(0) + ".";
        List<String> eegFeatures = deChannels.stream().map(l -> l.channel().label().substring(prefix.length())).toList();
        return new Found(columns(latent), latent.stream().map(l -> EmotionStage.LATENT_LABEL
                + l.channel().label().substring(EmotionStage.LATENT_CHANNEL.length())).toList(),
                columns(deChannels), eegFeatures, responses(written, table, deChannels, prefix));
    }

    private List<Located> deChannels(List<StageChannel> written, FrameTable table) {
        List<String> eeg = streams(de);
        if (eeg.size() != 1) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": stage '" + de.name()
                    + "': calibration needs exactly one EEG stream, the recording binds " + eeg.size());
        }
        return of(de, written, table, c -> true);
    }

    /** The channels stage {@code s} wrote that {@code keep} accepts, in order, each with its column. */
    private static List<Located> of(PipelineConfig.StageEntry s, List<StageChannel> written, FrameTable table,
                                    Predicate<StageChannel> keep) {
        List<Located> out = new ArrayList<>();
        for (StageChannel c : written) {
            if (c.stage().equals(s.name()) && keep.test(c)) {
                int column = table.column(c.output(), c.label());
                if (column >= 0) {
                    out.add(new Located(c, column));
                }
            }
        }
        return out;
    }

    private static int[] columns(List<Located> located) {
        return located.stream().mapToInt(Located::column).toArray();
    }

    /**
     * The responses a layer profile is made for: phasic skin conductance and heart rate of every such stage,
     * DE per scalp region and band (mean over the region's electrodes), and every slider channel; each with
     * the unit its stage gave it.
     */
    private List<Column> responses(List<StageChannel> written, FrameTable table, List<Located> deChannels,
                                   String dePrefix) {
        List<Column> out = new ArrayList<>();
        for (PipelineConfig.StageEntry s : cfg.stages()) {
            Predicate<StageChannel> keep;
            if (s.kind().equals(EDA)) {
                keep = c -> c.label().endsWith("." + SkinConductanceStage.PHASIC_CHANNEL);
            } else if (s.kind().equals(HEART_RATE)) {
                keep = c -> c.label().endsWith("." + HeartRateStage.HEART_RATE_CHANNEL);
            } else if (s.kind().equals(LATEST)) {
                keep = c -> true;
            } else {
                continue;
            }
            for (Located l : of(s, written, table, keep)) {
                out.add(new Column(l.channel().label(), l.channel().unit(), new int[] {l.column()}));
            }
        }
        Map<String, List<Integer>> regions = new LinkedHashMap<>();
        String unit = deChannels.isEmpty() ? "" : deChannels.get(0).channel().unit();
        for (Located l : deChannels) {
            String f = l.channel().label().substring(dePrefix.length());
            int dot = f.lastIndexOf('/');
            EegRegion region = EegRegion.of(f.substring(0, dot));
            if (region != null) {
                regions.computeIfAbsent("eeg." + region.label() + "." + f.substring(dot + 1), k -> new ArrayList<>())
                        .add(l.column());
            }
        }
        regions.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Stages::regionOrder)))
                .forEach(e -> out.add(new Column(e.getKey(), unit + " (DE)",
                        e.getValue().stream().mapToInt(Integer::intValue).toArray())));
        return out;
    }

    private static int regionOrder(String name) {
        return EegRegion.valueOf(name.split("\\.")[1].toUpperCase(java.util.Locale.ROOT)).ordinal();
    }
}
