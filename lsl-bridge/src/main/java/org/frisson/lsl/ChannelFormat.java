package org.frisson.lsl;

/** LSL channel formats, with liblsl's numeric codes ({@code lsl_channel_format_t}). */
public enum ChannelFormat {
    FLOAT32(1, "float32", 4),
    DOUBLE64(2, "double64", 8),
    STRING(3, "string", -1),
    INT32(4, "int32", 4),
    INT16(5, "int16", 2),
    INT8(6, "int8", 1),
    INT64(7, "int64", 8);

    private final int code;
    private final String lslName;
    private final int bytes;

    ChannelFormat(int code, String lslName, int bytes) {
        this.code = code;
        this.lslName = lslName;
        this.bytes = bytes;
    }

    /** liblsl's code for this format. */
    public int code() {
        return code;
    }

    /** The name LSL uses in stream XML ({@code float32}, {@code string}, ...). */
    public String lslName() {
        return lslName;
    }

    /** Bytes per value, or -1 for variable-length strings. */
    public int bytes() {
        return bytes;
    }

    /** Whether {@code code} is one of these formats (liblsl's {@code cf_undefined}, 0, is not). */
    public static boolean isKnown(int code) {
        for (ChannelFormat f : values()) {
            if (f.code == code) {
                return true;
            }
        }
        return false;
    }

    public static ChannelFormat ofCode(int code) {
        for (ChannelFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown LSL channel format code " + code);
    }

    /** Parses an LSL format name ({@code float32}) or enum name ({@code FLOAT32}), case-insensitively. */
    public static ChannelFormat parse(String name) {
        for (ChannelFormat f : values()) {
            if (f.lslName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown channel format '" + name
                + "' (expected one of float32, double64, string, int32, int16, int8, int64)");
    }

    @Override
    public String toString() {
        return lslName;
    }
}
