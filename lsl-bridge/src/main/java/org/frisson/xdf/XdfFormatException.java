package org.frisson.xdf;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read as XDF (or, when reading strictly, any damage); names the file and the byte offset. */
public final class XdfFormatException extends IOException {

    private final Path file;
    private final long offset;

    public XdfFormatException(Path file, long offset, String message) {
        super(file + ": byte " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
