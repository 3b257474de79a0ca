package org.frisson.xdf;

/**
 * Fixed facts of the XDF 1.0 byte layout: the magic code, the boundary signature and the
 * variable-length integers (a count byte of 1, 4 or 8 followed by that many little-endian bytes).
 */
final class XdfFormat {

    /** The four bytes every XDF file starts with: {@code XDF:}. */
    static final byte[] MAGIC = {'X', 'D', 'F', ':'};

    /** The 16-byte UUID carried by every Boundary chunk; readers scan for it to resynchronize. */
    static final byte[] BOUNDARY_SIGNATURE = {
            (byte) 0x43, (byte) 0xA5, (byte) 0x46, (byte) 0xDC, (byte) 0xCB, (byte) 0xF5, (byte) 0x41, (byte) 0x0F,
            (byte) 0xB3, (byte) 0x0E, (byte) 0xD5, (byte) 0x46, (byte) 0x73, (byte) 0x83, (byte) 0xCB, (byte) 0xE4};

    /** Bytes of a 8-byte time stamp's marker plus the stamp itself. */
    static final int STAMP_BYTES = 8;

    private XdfFormat() {
    }

    /** How many bytes the value of a variable-length integer takes: 1, 4 or 8. */
    static int varLenWidth(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("XDF lengths are unsigned, got " + value);
        }
        if (value <= 0xFF) {
            return 1;
        }
        return value <= 0xFFFF_FFFFL ? 4 : 8;
    }

    /** Bytes a variable-length integer takes in the file, count byte included. */
    static int varLenSize(long value) {
        return 1 + varLenWidth(value);
    }
}
