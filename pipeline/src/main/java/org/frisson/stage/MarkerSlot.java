package org.frisson.stage;

/**
 * Where one stage emits string markers (a detected event, say): an irregular output stream with one text
 * channel. Unlike {@link OutputSlot}, nothing is written per frame; a marker goes out when emitted, with
 * the stamp the stage gives it, which may lie before the frame (an event confirmed after the fact).
 */
public final class MarkerSlot {

    /** Receives emitted markers (the pipeline binds one). */
    public interface Sink {
        void marker(String text, double stamp);
    }

    private final String output;
    private Sink sink;

    public MarkerSlot(String output) {
        this.output = output;
    }

    /** Binds the slot to its output stream (done by the pipeline). */
    public void bind(Sink sink) {
        this.sink = sink;
    }

    public String output() {
        return output;
    }

    /** Emits one marker, during {@link Stage#process} only; costs nothing beyond building {@code text}. */
    public void emit(String text, double stamp) {
        if (text == null) {
            throw new IllegalArgumentException("marker on '" + output + "' has no text");
        }
        if (sink == null) {
            throw new IllegalStateException("marker slot on '" + output + "' is not bound to an output");
        }
        sink.marker(text, stamp);
    }
}
