package org.frisson.lsl;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** {@link ChunkCalls} where C {@code unsigned long} is 32 bits (Windows). */
final class Llp64ChunkCalls implements ChunkCalls {

    static {
        Native.register(Llp64ChunkCalls.class, LslLibrary.nativeLibrary());
    }

    @Override
    public int push(ChannelFormat format, Pointer outlet, Pointer data, long values, Pointer stamps,
                    boolean pushthrough) {
        int n = (int) values;
        int p = pushthrough ? 1 : 0;
        return switch (format) {
            case FLOAT32 -> lsl_push_chunk_ftnp(outlet, data, n, stamps, p);
            case DOUBLE64 -> lsl_push_chunk_dtnp(outlet, data, n, stamps, p);
            case INT64 -> lsl_push_chunk_ltnp(outlet, data, n, stamps, p);
            case INT32 -> lsl_push_chunk_itnp(outlet, data, n, stamps, p);
            case INT16 -> lsl_push_chunk_stnp(outlet, data, n, stamps, p);
            case INT8 -> lsl_push_chunk_ctnp(outlet, data, n, stamps, p);
            case STRING -> lsl_push_chunk_strtnp(outlet, data, n, stamps, p);
        };
    }

    @Override
    public long pull(ChannelFormat format, Pointer inlet, Pointer data, Pointer stamps, long values, long samples,
                     double timeout, Pointer ec) {
        int v = (int) values;
        int s = (int) samples;
        int written = switch (format) {
            case FLOAT32 -> lsl_pull_chunk_f(inlet, data, stamps, v, s, timeout, ec);
            case DOUBLE64 -> lsl_pull_chunk_d(inlet, data, stamps, v, s, timeout, ec);
            case INT64 -> lsl_pull_chunk_l(inlet, data, stamps, v, s, timeout, ec);
            case INT32 -> lsl_pull_chunk_i(inlet, data, stamps, v, s, timeout, ec);
            case INT16 -> lsl_pull_chunk_s(inlet, data, stamps, v, s, timeout, ec);
            case INT8 -> lsl_pull_chunk_c(inlet, data, stamps, v, s, timeout, ec);
            case STRING -> lsl_pull_chunk_str(inlet, data, stamps, v, s, timeout, ec);
        };
        return written & 0xFFFFFFFFL;
    }

    private static native int lsl_push_chunk_ftnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_dtnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_ltnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_itnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_stnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_ctnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_push_chunk_strtnp(Pointer out, Pointer data, int n, Pointer ts, int p);

    private static native int lsl_pull_chunk_f(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_d(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_l(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_i(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_s(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_c(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);

    private static native int lsl_pull_chunk_str(Pointer in, Pointer d, Pointer ts, int v, int s, double t, Pointer ec);
}
