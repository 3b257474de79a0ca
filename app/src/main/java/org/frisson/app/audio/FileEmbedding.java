package org.frisson.app.audio;

import org.frisson.models.Embedder;
import org.frisson.models.PatchStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Every patch of a whole file through an embedder: each chosen output per patch, and the tag ranking. */
public final class FileEmbedding {

    /** One patch's outputs, in the embedder's output order, and where it starts in the model's frames. */
    public record Patch(long startFrame, float[][] outputs) {
    }

    /** A tag and its mean over the taggram. */
    public record Tag(String name, double score) {
    }

    private final Embedder embedder;
    private final List<Patch> patches = new ArrayList<>();

    private FileEmbedding(Embedder embedder) {
        this.embedder = embedder;
    }

    /** Runs the whole file: patches every {@code hopFrames} model frames, as in {@link PatchStream}. */
    public static FileEmbedding run(Embedder embedder, WavFile wav, int hopFrames) {
        FileEmbedding result = new FileEmbedding(embedder);
        PatchStream stream = new PatchStream(embedder.spec(), wav.sampleRate(), hopFrames);
        PatchStream.Sink sink = (patch, end) -> {
            float[][] out = new float[embedder.outputs().size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[embedder.outputSize(i)];
            }
            embedder.embed(patch, out);
            result.patches.add(new Patch(end - embedder.spec().windowFrames(), out));
        };
        stream.feed(wav.mono(), 0, wav.mono().length, sink);
        stream.flush(sink);
        return result;
    }

    public List<Patch> patches() {
        return patches;
    }

    /** Mean of output {@code name} over patches. */
    public double[] mean(String name) {
        int o = embedder.outputs().indexOf(name);
        if (o < 0) {
            throw new IllegalArgumentException("output '" + name + "' was not computed; computed: " + embedder.outputs());
        }
        double[] m = new double[embedder.outputSize(o)];
        for (Patch p : patches) {
            for (int i = 0; i < m.length; i++) {
                m[i] += p.outputs()[o][i] / patches.size();
            }
        }
        return m;
    }

    /** Tags ranked by their mean over the taggram (as musicnn ranks them), best first. */
    public List<Tag> topTags(int n) {
        List<String> tags = embedder.spec().tags();
        if (tags.isEmpty()) {
            return List.of();
        }
        double[] m = mean("taggram");
        return IntStream.range(0, m.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -m[i]))
                .limit(n).map(i -> new Tag(tags.get(i), m[i])).toList();
    }

    @Override
    public String toString() {
        return patches.size() + " patches: " + Arrays.toString(embedder.outputs().toArray());
    }
}
