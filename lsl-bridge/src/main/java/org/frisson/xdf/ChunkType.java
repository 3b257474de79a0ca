package org.frisson.xdf;

/** The chunk types of XDF 1.0, with their numeric tags. */
public enum ChunkType {
    FILE_HEADER(1, "FileHeader", false),
    STREAM_HEADER(2, "StreamHeader", true),
    SAMPLES(3, "Samples", true),
    CLOCK_OFFSET(4, "ClockOffset", true),
    BOUNDARY(5, "Boundary", false),
    STREAM_FOOTER(6, "StreamFooter", true);

    private final int tag;
    private final String specName;
    private final boolean streamId;

    ChunkType(int tag, String specName, boolean streamId) {
        this.tag = tag;
        this.specName = specName;
        this.streamId = streamId;
    }

    /** The 2-byte tag written before the chunk's content. */
    public int tag() {
        return tag;
    }

    /** Whether the content starts with a 4-byte stream id. */
    public boolean carriesStreamId() {
        return streamId;
    }

    /** The type with this tag, or {@code null} for a tag XDF 1.0 does not define. */
    public static ChunkType ofTag(int tag) {
        for (ChunkType t : values()) {
            if (t.tag == tag) {
                return t;
            }
        }
        return null;
    }

    /** The name the specification uses, e.g. {@code Samples}. */
    @Override
    public String toString() {
        return specName;
    }
}
