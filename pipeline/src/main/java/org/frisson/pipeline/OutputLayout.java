package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every output stream of a pipeline and its number: the one place where outputs are numbered, so that the
 * {@code output} an {@link OutputListener} is given means the same stream in every sink (LSL outlets, CSV
 * files, the recorder, dashboards). Numbers follow the order of the descriptions the listeners are started
 * with: regular outputs first, in the order stages first wrote on them, then the health output when there is
 * one, then marker outputs, in the order stages first emitted on them.
 *
 * <p>Declared while the stages configure, laid out once; after that the layout does not change.
 */
final class OutputLayout implements AutoCloseable {

    private final Map<String, NumberOutput> numbers = new LinkedHashMap<>();
    private final Map<String, MarkerOutput> markers = new LinkedHashMap<>();
    private final List<StreamInfo> streams = new ArrayList<>();
    private final List<StageChannel> stageChannels = new ArrayList<>();
    private NumberOutput[] numbered = new NumberOutput[0];
    private HealthOutput health;

    /** Stage {@code stage} (of kind {@code kind}) writes {@code channels} on regular output {@code spec}. */
    OutputSlot numbers(PipelineConfig.Output spec, String stage, String kind, List<OutputChannel> channels) {
        for (OutputChannel c : channels) {
            stageChannels.add(new StageChannel(stage, kind, spec.name(), c.label(), c.unit()));
        }
        return numbers.computeIfAbsent(spec.key(), k -> new NumberOutput(spec)).declare(channels);
    }

    /** A stage emits markers on marker output {@code spec}. */
    MarkerSlot markers(PipelineConfig.Output spec) {
        MarkerSlot slot = new MarkerSlot(spec.key());
        slot.bind(markers.computeIfAbsent(spec.key(), k -> new MarkerOutput(spec)));
        return slot;
    }

    /** Whether a stage writes numbers on output {@code key}. */
    boolean carriesNumbers(String key) {
        return numbers.containsKey(key);
    }

    /** Whether a stage emits markers on output {@code key}. */
    boolean carriesMarkers(String key) {
        return markers.containsKey(key);
    }

    /**
     * Numbers the outputs, binds the stages' slots to their samples and describes every stream: regular
     * outputs at {@code frameRate}, then {@code health} if given (null: there is none), then marker outputs,
     * which hand their markers to {@code listeners}. Each description names the models behind its stream.
     */
    void layOut(double frameRate, HealthOutput health, OutputListener listeners, ProvenanceMap provenance) {
        for (NumberOutput o : numbers.values()) {
            streams.add(o.layOut(frameRate, provenance.of(o.key())));
        }
        numbered = numbers.values().toArray(new NumberOutput[0]);
        this.health = health;
        if (health != null) {
            streams.add(health.describe(provenance.all()));
        }
        for (MarkerOutput m : markers.values()) {
            streams.add(m.layOut(streams.size(), listeners, provenance.of(m.key())));
        }
    }

    /** Every output's description, by number. */
    List<StreamInfo> streams() {
        return List.copyOf(streams);
    }

    /** The regular outputs: output {@code k} is the {@code k}-th. */
    NumberOutput[] numbered() {
        return numbered;
    }

    /** The health output, or null when there is none. */
    HealthOutput health() {
        return health;
    }

    /** The health output's number (it follows the regular outputs). */
    int healthIndex() {
        return numbered.length;
    }

    /** Output stream names and their channel labels (latency excluded; a marker stream has one, {@code marker}). */
    Map<String, List<String>> channels() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        numbers.values().forEach(o -> out.put(o.name(), o.labels()));
        markers.values().forEach(m -> out.put(m.name(), List.of(MarkerOutput.LABEL)));
        return out;
    }

    /** Every channel the stages write on the regular outputs, in the order they declared them. */
    List<StageChannel> stageChannels() {
        return List.copyOf(stageChannels);
    }

    /** Releases the descriptions. */
    @Override
    public void close() {
        streams.forEach(StreamInfo::close);
    }
}
