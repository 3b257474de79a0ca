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
        Memory buf = new Memory((long) Native.POINTER_SIZE * MAX_RESULTS);
        int n = LslNative.lsl_resolve_byprop(buf, MAX_RESULTS, property, value, minimum, timeoutSeconds);
        return collect(buf, n, "resolving " + property + "='" + value + "'");
    }

    /** Streams matching an XPath 1.0 predicate over the stream XML, e.g. {@code "name='EEG' and type='EEG'"}. */
    public static List<StreamInfo> byPredicate(String predicate, int minimum, double timeoutSeconds) {
        LslLibrary.ensureLoaded();
        Memory buf = new Memory((long) Native.POINTER_SIZE * MAX_RESULTS);
        int n = LslNative.lsl_resolve_bypred(buf, MAX_RESULTS, predicate, minimum, timeoutSeconds);
        return collect(buf, n, "resolving \"" + predicate + "\"");
    }

    /** The first stream matching {@code predicate}, or empty after {@code timeoutSeconds}. */
    public static Optional<StreamInfo> first(String predicate, double timeoutSeconds) {
        List<StreamInfo> found = byPredicate(predicate, 1, timeoutSeconds);
        for (int i = 1; i < found.size(); i++) {
            found.get(i).close();
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The stream infos liblsl found. A stream of a format this binding cannot read (liblsl lets an outlet announce
     * {@code cf_undefined}) is left out, its handle released, so that it does not hide the other streams.
     */
    static List<StreamInfo> collect(Memory buf, int n, String what) {
        if (n < 0) {
            Lsl.check(n, what);
        }
        List<StreamInfo> out = new ArrayList<>(n);
        for (int i = 0; i < Math.min(n, MAX_RESULTS); i++) {
            Pointer p = buf.getPointer((long) i * Native.POINTER_SIZE);
            if (ChannelFormat.isKnown(LslNative.lsl_get_channel_format(p))) {
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
