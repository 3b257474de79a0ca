package org.frisson.pipeline;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.LslException;
import org.frisson.lsl.Printable;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Finds the streams of one config input on the network and opens an inlet on each. */
final class InletResolver {

    private final PipelineConfig config;
    private final Consumer<String> log;

    InletResolver(PipelineConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /**
     * The inlets of input {@code in}: one stream, or with {@code multiple} every stream that answers (waiting
     * for {@code expect} of them), in a stable order (name, source_id). An optional input that finds nothing
     * has none.
     *
     * @throws LslException when a required input finds too few streams within the resolve time
     * @throws PipelineConfig.ConfigException naming the file, the input and the stream, when the one stream of a
     *                                        required input cannot be taken ({@link StreamFit})
     */
    List<Inlet> open(PipelineConfig.Input in) {
        List<Inlet> inlets = new ArrayList<>();
        for (StreamInfo info : resolve(in, config.settings().resolveSeconds())) {
            String unfit = StreamFit.unfit(config, in, info);
            if (unfit != null) {
                info.close();
                leaveOut(in, unfit, inlets);
                continue;
            }
            Inlet inlet = Inlet.open(info, Inlet.options().expect(in.channels() > 0 ? in.channels() : -1, null));
            info.close();
            String unreadable = StreamFit.unreadable(config, in, inlet.info());
            if (unreadable != null) {
                inlet.close();
                leaveOut(in, unreadable, inlets);
                continue;
            }
            inlets.add(inlet);
            StreamInfo full = inlet.info();
            log.accept(String.format("input '%s': %s (%s, %d ch, %s, %s) from %s", in.role(), Printable.of(full.name()),
                    Printable.of(full.type()), full.channelCount(), full.format(),
                    full.isIrregular() ? "irregular" : full.nominalRate() + " Hz", Printable.of(full.hostname())));
        }
        return inlets;
    }

    /**
     * A stream the pipeline cannot take ({@link StreamFit}) is left out with a log line when its input takes
     * several streams or is optional; otherwise it refuses the run.
     */
    private void leaveOut(PipelineConfig.Input in, String why, List<Inlet> opened) {
        if (in.required() && !in.multiple()) {
            opened.forEach(Inlet::close);
            throw new PipelineConfig.ConfigException(why);
        }
        log.accept(why + "; left out");
    }

    private List<StreamInfo> resolve(PipelineConfig.Input in, double seconds) {
        String where = config.file() + ": inputs." + in.role();
        if (!in.multiple()) {
            var found = Resolver.first(in.query(), seconds);
            if (found.isEmpty()) {
                if (in.required()) {
                    throw new LslException(where + ": no stream matches \"" + in.query() + "\" within " + seconds
                            + " s");
                }
                log.accept("input '" + in.role() + "': no stream matches \"" + in.query() + "\"; running without it");
                return List.of();
            }
            return List.of(found.get());
        }
        // one resolve that returns as soon as the expected number answered (restarting it loses answers)
        List<StreamInfo> found = Resolver.byPredicate(in.query(), Math.max(1, in.expect()),
                in.expect() > 0 ? seconds : Math.min(seconds, 2.0));
        if (in.expect() > 0 && found.size() < in.expect()) {
            throw new LslException(where + ": expected " + in.expect() + " streams matching \"" + in.query()
                    + "\", found " + found.size() + " within " + seconds + " s");
        }
        // the same stream can answer twice during discovery; keep one, in a stable order (name, source_id)
        Map<String, StreamInfo> unique = new TreeMap<>();
        for (StreamInfo f : found) {
            if (unique.putIfAbsent(f.name() + "\u0000" + f.sourceId() + "\u0000" + f.uid(), f) != null) {
                f.close();
            }
        }
        return new ArrayList<>(unique.values());
    }
}
