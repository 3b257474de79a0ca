package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.testsupport.Bounded;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * String markers of any content (any code point, unpaired surrogates, NUL and other control characters, up to a
 * million characters) through an offline pipeline's aligner beside an EEG stream, and through the
 * {@link PipelineRecorder} into an XDF file read back: nothing may throw, and every marker comes back as it was
 * (an unpaired surrogate, which UTF-8 cannot carry, as '?'), in order with its stamp. One QuickTheories property
 * with a fixed seed and example count.
 */
class MarkerFuzzTest {

    private static Path dir;
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger MARKERS = new AtomicInteger();
    private static final AtomicInteger CHARS = new AtomicInteger();

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("marker-fuzz");
    }

    @AfterAll
    static void report() throws IOException {
        System.out.println("MarkerFuzzTest: " + FILES.get() + " recordings, " + MARKERS.get() + " markers, "
                + CHARS.get() + " characters; most allocated by one try: " + Bounded.mostAllocated() + " bytes");
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void anyMarkerIsCarriedAndRecorded() {
        qt().withFixedSeed(20240501L).withExamples(400).forAll(markers()).checkAssert(ms -> {
            long chars = ms.stream().mapToLong(String::length).sum();
            Bounded.run(describe(ms), 60, (64L << 20) + 64 * chars, () -> {
                run(ms);
                return null;
            });
        });
    }

    private static String describe(List<String> ms) {
        List<String> shown = new ArrayList<>();
        for (String m : ms) {
            StringBuilder sb = new StringBuilder();
            m.codePoints().limit(20).forEach(cp -> sb.append(String.format("U+%04X ", cp)));
            shown.add(sb + (m.length() > 20 ? "… (" + m.length() + " chars)" : ""));
        }
        return shown.toString();
    }

    private static void run(List<String> markers) throws IOException {
        int rate = 128;
        int samples = 3 * rate;
        StreamInfo eeg = StreamInfo.builder("EEG", "EEG").channelCount(1).rate(rate).sourceId("fz-eeg").build();
        StreamInfo mk = StreamInfo.builder("Markers", "Markers").channelCount(1).format(ChannelFormat.STRING)
                .sourceId("fz-markers").build();
        Path file = dir.resolve("markers-" + FILES.incrementAndGet() + ".xdf");
        PipelineRecorder recorder = new PipelineRecorder(file, false);
        ChunkListener recorded = recorder.inputs();
        recorded.start(List.of(eeg, mk));
        PipelineConfig cfg = HostileInputStreamsTest.config(); // EEG and optional markers, a probe reading both
        double[] markerStamps = new double[markers.size()];
        try (Pipeline p = Pipeline.offline(cfg, Map.of("eeg", List.of(eeg.copy()), "markers", List.of(mk.copy())),
                List.of(), line -> { })) {
            int next = 0;
            for (int i = 0; i < samples; i++) {
                double t = 100 + i / (double) rate;
                p.feed(0, 1, new double[]{t}, new double[]{i}, null);
                recorded.chunk(0, 1, new double[]{t}, new double[]{i}, null, 0.0);
                if (i % 17 == 5 && next < markers.size()) {
                    markerStamps[next] = t + 0.001;
                    String[] one = {markers.get(next)};
                    p.feed(1, 1, new double[]{t + 0.001}, null, one);
                    recorded.chunk(1, 1, new double[]{t + 0.001}, null, one, 0.0);
                    next++;
                }
            }
            while (next < markers.size()) { // the rest together in one chunk, as a burst arrives
                int n = markers.size() - next;
                double[] st = new double[n];
                String[] texts = new String[n];
                for (int k = 0; k < n; k++) {
                    st[k] = 100 + samples / (double) rate + k * 1e-4;
                    markerStamps[next + k] = st[k];
                    texts[k] = markers.get(next + k);
                }
                p.feed(1, n, st, null, texts);
                recorded.chunk(1, n, st, null, texts, 0.0);
                next += n;
            }
            p.finish();
        }
        recorded.end();
        recorder.close();
        XdfFile xdf = XdfReader.read(file, XdfReader.Options.raw().strict(true));
        XdfStream back = xdf.stream("Markers").orElseThrow(() -> new AssertionError("no marker stream recorded"));
        if (back.sampleCount() != markers.size()) {
            throw new AssertionError(back.sampleCount() + " markers read back of " + markers.size());
        }
        for (int i = 0; i < markers.size(); i++) {
            String expected = asUtf8CarriesIt(markers.get(i));
            if (!back.text(i, 0).equals(expected)) {
                throw new AssertionError("marker " + i + " came back as " + describe(List.of(back.text(i, 0)))
                        + ", expected " + describe(List.of(expected)));
            }
            if (back.stamps()[i] != markerStamps[i]) {
                throw new AssertionError("marker " + i + " came back stamped " + back.stamps()[i]);
            }
        }
        MARKERS.addAndGet(markers.size());
        CHARS.addAndGet((int) markers.stream().mapToLong(String::length).sum());
        eeg.close();
        mk.close();
        Files.deleteIfExists(file);
    }

    /** The text with every unpaired surrogate as '?', as UTF-8 (Java's encoder, and ours) writes it. */
    private static String asUtf8CarriesIt(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return sb.toString();
    }

    private static Gen<List<String>> markers() {
        Gen<String> anyCodePoint = Generate.intArrays(integers().between(0, 40), integers().between(0, 0x10FFFF))
                .map(MarkerFuzzTest::text);
        Gen<String> controls = Generate.intArrays(integers().between(0, 40), integers().between(0, 0x20))
                .map(MarkerFuzzTest::text);
        Gen<String> surrogates = Generate.intArrays(integers().between(1, 10), integers().between(0xD800, 0xDFFF))
                .map(cps -> {
                    StringBuilder sb = new StringBuilder("s");
                    for (int c : cps) {
                        sb.append((char) c);
                    }
                    return sb.toString();
                });
        Gen<String> huge = integers().between(1, 1_000_000).zip(integers().between(0, 0x10FFFF),
                (n, cp) -> new String(Character.toChars(cp)).repeat(n / Character.charCount(cp)));
        Gen<String> one = Generate.oneOf(anyCodePoint, anyCodePoint, controls, surrogates,
                Generate.pick(List.of("", "\u0000", "a\u0000b", "\r\n", "\"quoted\", comma", "\ufeff", "\uffff")))
                .mix(huge, 5);
        return lists().of(one).ofSizeBetween(1, 20);
    }

    private static String text(int[] cps) {
        StringBuilder sb = new StringBuilder();
        for (int cp : cps) {
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
