package org.frisson.app.run;

import org.frisson.pipeline.OutputListener;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The pipeline's markers (detected transitions, say) as lines for the console: queued on the aligner thread
 * when a stage emits one (rare, so the line is built there), printed by whoever drains them.
 */
final class MarkerLog implements OutputListener {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private List<String> names = List.of();

    @Override
    public void start(List<StreamInfo> outputs) {
        List<String> n = new ArrayList<>();
        outputs.forEach(o -> n.add(o.name()));
        names = n;
    }

    @Override
    public void sample(int output, double stamp, double[] values) {
    }

    @Override
    public void marker(int output, double stamp, String text) {
        lines.add(String.format(Locale.ROOT, "%s: %s (at %.1f s on the LSL clock, %.1f s ago)", names.get(output), text,
                stamp, Lsl.localClock() - stamp));
    }

    @Override
    public void end() {
    }

    /** Hands every queued line to {@code sink}, oldest first. */
    void drain(Consumer<String> sink) {
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            sink.accept(line);
        }
    }
}
