package org.frisson.models;

import java.util.List;

/**
 * An audio embedder: one patch of input in, the chosen outputs (layers, taggram) out, into arrays the caller
 * owns. Patches are {@link EmbedderSpec#windowFrames()} frames of {@link EmbedderSpec#inputWidth()} values,
 * row-major, as described by {@link EmbedderSpec#input()}. One instance is used by one thread at a time.
 */
public interface Embedder extends AutoCloseable {

    /** What the model takes and gives. */
    EmbedderSpec spec();

    /** The outputs this instance computes, in the order {@link #embed} fills them. */
    List<String> outputs();

    /** Values of output {@code i} per patch. */
    int outputSize(int i);

    /**
     * Embeds one patch.
     *
     * @param patch {@code windowFrames * inputWidth} values, row-major
     * @param out   one array per output of {@link #outputs()}, each at least {@link #outputSize} long
     */
    void embed(float[] patch, float[][] out);

    @Override
    void close();
}
