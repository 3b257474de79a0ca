package org.frisson.xdf;

import java.nio.file.Path;

/**
 * Something wrong in an XDF file that the reader stepped over (a truncated or garbled chunk, an unknown
 * stream): where it is and what was done about it.
 *
 * @param file   the file
 * @param offset byte offset of the chunk (or field) concerned, or -1 for a remark about a whole stream
 */
public record XdfProblem(Path file, long offset, String message) {

    @Override
    public String toString() {
        return offset < 0 ? file + ": " + message : file + ": byte " + offset + ": " + message;
    }
}
