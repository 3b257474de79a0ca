package org.frisson.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One-shot stream discovery on the network. */
public final class Resolver {

    private static final int MAX_RESULTS = 1024;

    private Resolver() {
    }

    /** Every stream visible within {@code waitSeconds}. */
    public static List<StreamInfo> all(double waitSeconds) {
        LslLibrary.ensureLoaded();
        Memory buf = new Memory((long) Native.POINTER_SIZE * MAX_RESULTS);
        int n = LslNative.lsl_resolve_all(buf, MAX_RESULTS, waitSeconds);
        return collect(buf, n, "resolving all streams");
    }

    /** Streams whose property (name, type, source_id, ...) equals {@code value}; waits for at least {@code minimum}. */
    public static List<StreamInfo> byProperty(String property, String value, int minimum, double timeoutSeconds) {
        LslLibrary.ensureLoaded();
        return resolve(minimum, timeoutSeconds, "resolving " + property + "='" + value + "'",
                (buf, ask, wait) -> LslNative.lsl_resolve_byprop(buf, MAX_RESULTS, property, value, ask, wait));
    }

    /** Streams matching an XPath 1.0 predicate over the stream XML, e.g. {@code "name='EEG' and type='EEG'"}. */
    public static List<StreamInfo> byPredicate(String predicate, int minimum, double timeoutSeconds) {
        LslLibrary.ensureLoaded();
        return resolve(minimum, timeoutSeconds, "resolving \"" + predicate + "\"",
                (buf, ask, wait) -> LslNative.lsl_resolve_bypred(buf, MAX_RESULTS, predicate, ask, wait));
    }

    /** The first stream matching {@code predicate}, or empty after {@code timeoutSeconds}. */
    public static Optional<StreamInfo> first(String predicate, double timeoutSeconds) {
        List<StreamInfo> found = byPredicate(predicate, 1, timeoutSeconds);
        for (int i = 1; i < found.size(); i++) {
            found.get(i).close();
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** One liblsl resolve call into {@code buf}, waiting for {@code minimum} answers or {@code wait} seconds. */
    private interface Call {
        int resolve(Memory buf, int minimum, double wait);
    }

    /**
     * Resolves until {@code minimum} usable streams answered or the time is up: liblsl counts the answers that
     * {@link #collect} leaves out towards its minimum, so when some were left out it asks again for that many more.
     */
    private static List<StreamInfo> resolve(int minimum, double timeoutSeconds, String what, Call call) {
        LslLibrary.ensureLoaded();
        long deadline = System.nanoTime() + (long) (Math.min(timeoutSeconds, Lsl.FOREVER) * 1e9);
        int ask = minimum;
        while (true) {
            Memory buf = new Memory((long) Native.POINTER_SIZE * MAX_RESULTS);
            double wait = Math.max(0.0, (deadline - System.nanoTime()) / 1e9);
            int n = call.resolve(buf, ask, wait);
            List<StreamInfo> out = collect(buf, n, what);
            int leftOut = Math.min(n, MAX_RESULTS) - out.size();
            if (out.size() >= minimum || leftOut == 0 || ask >= minimum + leftOut || System.nanoTime() >= deadline) {
                return out;
            }
            out.forEach(StreamInfo::close);
            ask = minimum + leftOut;
        }
    }

    /**
     * The stream infos liblsl found. A stream this binding cannot read is left out, its handle released, so that
     * it does not hide the other streams: one of liblsl's undefined format (which an outlet may announce), or one
     * whose description liblsl itself could not read (it names such a one "(invalid: reason)"; a NaN rate does it).
     */
    static List<StreamInfo> collect(Memory buf, int n, String what) {
        if (n < 0) {
            Lsl.check(n, what);
        }
        List<StreamInfo> out = new ArrayList<>(n);
        for (int i = 0; i < Math.min(n, MAX_RESULTS); i++) {
            Pointer p = buf.getPointer((long) i * Native.POINTER_SIZE);
            String name = LslNative.lsl_get_name(p);
            if (ChannelFormat.isKnown(LslNative.lsl_get_channel_format(p))
                    && (name == null || !name.startsWith("(invalid: "))) {
                out.add(new StreamInfo(p));
            } else {
                LslNative.lsl_destroy_streaminfo(p);
            }
        }
        return out;
    }

    static int maxResults() {
        return MAX_RESULTS;
    }
}
