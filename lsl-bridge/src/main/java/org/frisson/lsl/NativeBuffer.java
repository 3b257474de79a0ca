package org.frisson.lsl;

import com.sun.jna.Memory;

/** Native memory that grows to the largest size asked for and is then reused: no allocation in steady state. */
final class NativeBuffer {

    private Memory memory;

    Memory ensure(long bytes) {
        if (memory == null || memory.size() < bytes) {
            memory = new Memory(Math.max(bytes, 64));
        }
        return memory;
    }
}
