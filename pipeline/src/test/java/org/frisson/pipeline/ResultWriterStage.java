package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;
import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.Parameter;
import org.frisson.stage.Range;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test stage that publishes a result every {@code every} frames (the frame's index and time, stamped with
 * the time), logs at configure time, counts frames on a meter of its own and notes the home it was given.
 */
public final class ResultWriterStage implements Stage {

    /** The home each stage was given, by stage name. */
    public static final Map<String, Path> HOMES = new ConcurrentHashMap<>();

    private LatestResult result;
    private Counter frames;
    private int every;

    static final Parameter<Integer> EVERY = Parameter.wholeNumber("every", 1, "frames between results")
            .range(Range.atLeast(1));
    static final Parameter<Boolean> TWICE = Parameter.flag("twice", false, "whether it publishes a second result");

    @Override
    public String kind() {
        return "test_result_writer";
    }

    @Override
    public String description() {
        return "a test stage that publishes a result every few frames";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(EVERY, TWICE);
    }

    @Override
    public void configure(StageContext context) {
        every = context.params().get(EVERY);
        result = new LatestResult(List.of("index", "time"), 1 / (every * context.hopSeconds()), 0);
        context.publish(result);
        if (context.params().get(TWICE)) {
            context.publish(result);
        }
        context.log().log(System.Logger.Level.INFO, "publishing every {0} frames", every);
        context.log().log(System.Logger.Level.WARNING, "a test stage");
        context.log().log(System.Logger.Level.DEBUG, "not logged");
        frames = context.meters().counter("frisson.stage.test.frames", "frames seen");
        HOMES.put(context.name(), context.home());
    }

    @Override
    public void process(Frame frame) {
        frames.increment();
        if (frame.index() % every == 0) {
            result.set(0, frame.index());
            result.set(1, frame.time());
            result.publish(frame.time());
        }
    }
}
