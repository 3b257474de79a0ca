package org.frisson.app.audio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The hand-over from the audio callback to the publisher thread: one producer (the device's callback),
 * one consumer, preallocated, lock-free and allocation-free on both sides.
 *
 * <p>Each callback writes one <em>block</em>: its frames, channel-interleaved, into a ring of samples,
 * and a record (first frame's index in the device's count, frame count, LSL time of the callback) into a
 * ring of blocks. When the consumer falls so far behind that either ring is full, the block is dropped
 * and counted; the device's frame count (kept by the caller) still advances, so later stamps stay right
 * and the gap shows.
 */
public final class CaptureRing {

    private static final VarHandle WRITTEN;
    private static final VarHandle READ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WRITTEN = l.findVarHandle(CaptureRing.class, "blocksWritten", long.class);
            READ = l.findVarHandle(CaptureRing.class, "blocksRead", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int channels;
    private final float[] samples;
    private final int frameMask;
    private final long[] blockFirst;
    private final int[] blockFrames;
    private final long[] blockOffset;
    private final long[] blockClaim;
    private final double[] blockTime;
    private final int blockMask;

    // producer state
    private long sampleWriteFrame;
    private long droppedFrames;
    private long droppedBlocks;
    @SuppressWarnings("unused")
    private volatile long blocksWritten;

    // consumer state
    @SuppressWarnings("unused")
    private volatile long blocksRead;

    /**
     * @param channels       interleaved channels per frame
     * @param capacityFrames frames the ring holds (rounded up to a power of two)
     * @param capacityBlocks blocks the ring holds (rounded up to a power of two)
     */
    public CaptureRing(int channels, int capacityFrames, int capacityBlocks) {
        if (channels < 1) {
            throw new IllegalArgumentException("capture ring: channels must be >= 1, got " + channels);
        }
        this.channels = channels;
        int frames = Integer.highestOneBit(Math.max(2, capacityFrames - 1)) << 1;
        int blocks = Integer.highestOneBit(Math.max(2, capacityBlocks - 1)) << 1;
        this.samples = new float[frames * channels];
        this.frameMask = frames - 1;
        this.blockFirst = new long[blocks];
        this.blockFrames = new int[blocks];
        this.blockOffset = new long[blocks];
        this.blockClaim = new long[blocks];
        this.blockTime = new double[blocks];
        this.blockMask = blocks - 1;
    }

    public int channels() {
        return channels;
    }

    /** Frames the ring holds. */
    public int capacityFrames() {
        return frameMask + 1;
    }

    /** Producer: as {@link #write(List, int, long, long, double)} with no skip claimed. */
    public boolean write(List<FloatBuffer> inputs, int frames, long first, double callbackTime) {
        return write(inputs, frames, first, 0, callbackTime);
    }

    /**
     * Producer: one callback's input, whose first frame is {@code first} in the count of delivered frames,
     * the device claiming {@code claimedSkip} frames skipped just before it. Reads
     * {@code frames} values from each buffer (absolute gets; the buffers' positions are left alone); missing
     * channels are zero. Returns false when the block was dropped for lack of room.
     */
    public boolean write(List<FloatBuffer> inputs, int frames, long first, long claimedSkip, double callbackTime) {
        long read = (long) READ.getAcquire(this);
        long written = blocksWritten;
        if (written - read > blockMask || frames > capacityFrames() || usedFrames(read, written) + frames > capacityFrames()) {
            droppedFrames += frames;
            droppedBlocks++;
            return false;
        }
        long start = sampleWriteFrame;
        int n = Math.min(inputs.size(), channels);
        for (int i = 0; i < frames; i++) {
            int base = (int) ((start + i) & frameMask) * channels;
            for (int c = 0; c < n; c++) {
                samples[base + c] = inputs.get(c).get(i);
            }
            for (int c = n; c < channels; c++) {
                samples[base + c] = 0f;
            }
        }
        sampleWriteFrame = start + frames;
        int b = (int) (written & blockMask);
        blockFirst[b] = first;
        blockFrames[b] = frames;
        blockOffset[b] = start;
        blockTime[b] = callbackTime;
        blockClaim[b] = claimedSkip;
        WRITTEN.setRelease(this, written + 1);
        return true;
    }

    private long usedFrames(long read, long written) {
        if (written == read) {
            return 0;
        }
        int oldest = (int) (read & blockMask);
        return sampleWriteFrame - blockOffset[oldest];
    }

    /** Frames dropped because the consumer fell behind (written by the producer; read it after it stopped or as a hint). */
    public long droppedFrames() {
        return droppedFrames;
    }

    public long droppedBlocks() {
        return droppedBlocks;
    }

    /** Consumer: blocks ready to read. */
    public int available() {
        return (int) ((long) WRITTEN.getAcquire(this) - blocksRead);
    }

    /** Consumer: the oldest unread block's first frame in the device's count. */
    public long firstFrame() {
        return blockFirst[(int) (blocksRead & blockMask)];
    }

    /** Consumer: the oldest unread block's frame count. */
    public int frames() {
        return blockFrames[(int) (blocksRead & blockMask)];
    }

    /** Consumer: frames the device claims it skipped just before the oldest unread block. */
    public long claimedSkip() {
        return blockClaim[(int) (blocksRead & blockMask)];
    }

    /** Consumer: the LSL time of the callback that delivered the oldest unread block. */
    public double callbackTime() {
        return blockTime[(int) (blocksRead & blockMask)];
    }

    /** Consumer: copies the oldest unread block's samples (interleaved) into {@code out} at {@code offset} values. */
    public void copy(float[] out, int offset) {
        int b = (int) (blocksRead & blockMask);
        long start = blockOffset[b];
        int frames = blockFrames[b];
        for (int i = 0; i < frames; i++) {
            int base = (int) ((start + i) & frameMask) * channels;
            System.arraycopy(samples, base, out, offset + i * channels, channels);
        }
    }

    /** Consumer: done with the oldest unread block. */
    public void release() {
        READ.setRelease(this, blocksRead + 1);
    }
}
