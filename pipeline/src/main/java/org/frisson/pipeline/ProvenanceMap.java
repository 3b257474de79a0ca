package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;
import org.frisson.stage.Provenance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which models compute which outputs: each stage's {@link Provenance}, which stages each stage reads, and which
 * stages write on each output. An output's provenance is that of the stages writing on it and of every stage
 * they read, directly or not, so that a stand-in embedder shows on the outputs of the stages built on it.
 * Filled while stages configure (one thread), read once when the outputs open.
 */
public final class ProvenanceMap {

    /** The {@code <desc>} group and element names the provenance is written under. */
    static final String GROUP = "provenance";
    static final String ELEMENT = "model";

    private final Map<String, List<Provenance>> byStage = new LinkedHashMap<>();
    private final Map<String, Set<String>> reads = new LinkedHashMap<>();
    private final Map<String, Set<String>> writers = new LinkedHashMap<>();

    void add(Provenance p) {
        byStage.computeIfAbsent(p.stage(), k -> new ArrayList<>()).add(p);
    }

    void reads(String stage, String upstream) {
        reads.computeIfAbsent(stage, k -> new LinkedHashSet<>()).add(upstream);
    }

    void writes(String stage, String output) {
        writers.computeIfAbsent(output, k -> new LinkedHashSet<>()).add(stage);
    }

    /** Every provenance, stage by stage in config order. */
    List<Provenance> all() {
        List<Provenance> out = new ArrayList<>();
        byStage.values().forEach(out::addAll);
        return out;
    }

    /** The flagged ones: what the log and the dashboards must say. */
    List<Provenance> flagged() {
        return all().stream().filter(Provenance::flagged).toList();
    }

    /** The provenance behind {@code output}: its writers' and everything they read, in config order. */
    List<Provenance> of(String output) {
        Set<String> behind = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(writers.getOrDefault(output, Set.of()));
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (behind.add(s)) {
                todo.addAll(reads.getOrDefault(s, Set.of()));
            }
        }
        List<Provenance> out = new ArrayList<>();
        byStage.forEach((stage, list) -> {
            if (behind.contains(stage)) {
                out.addAll(list);
            }
        });
        return out;
    }

    /** Writes {@code list} into a stream description being built. */
    static StreamInfo.Builder describe(StreamInfo.Builder b, List<Provenance> list) {
        for (Provenance p : list) {
            b.descElement(GROUP, ELEMENT, p.fields());
        }
        return b;
    }

    /** The notices recorded in a stream's {@code <desc>} (what {@link #describe} wrote), e.g. for a dashboard. */
    public static List<String> notices(StreamInfo info) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> m : info.descElements(GROUP + "/" + ELEMENT)) {
            String notice = m.getOrDefault("notice", "");
            if (!notice.isEmpty()) {
                out.add(m.getOrDefault("stage", "?") + ": " + notice);
            }
        }
        return out;
    }
}
