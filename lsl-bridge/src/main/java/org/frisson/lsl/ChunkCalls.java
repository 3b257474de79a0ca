package org.frisson.lsl;

import com.sun.jna.Pointer;

/**
 * liblsl's chunk push and pull functions. Their element counts are C {@code unsigned long}: 64 bits on
 * Linux and macOS (LP64), 32 bits on Windows (LLP64). Java sees {@code long} either way; the
 * implementation for this platform narrows where it must.
 *
 * <p>Pushes take per-sample time stamps ({@code lsl_push_chunk_*tnp}); pulls return the number of
 * values written. Every pointer is caller-owned native memory, reused across calls.
 */
interface ChunkCalls {

    static ChunkCalls forPlatform() {
        return LslLibrary.longIs32Bit() ? new Llp64ChunkCalls() : new Lp64ChunkCalls();
    }

    int push(ChannelFormat format, Pointer outlet, Pointer data, long values, Pointer stamps, boolean pushthrough);

    long pull(ChannelFormat format, Pointer inlet, Pointer data, Pointer stamps, long values, long samples,
              double timeout, Pointer ec);
}
