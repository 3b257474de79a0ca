package org.frisson.models;

import java.nio.file.Path;

/** A model file is missing, corrupt, or does not match its contract; the message names the file and the field. */
public final class ModelFileException extends RuntimeException {

    private final transient Path file;
    private final String field;

    public ModelFileException(Path file, String field, String problem) {
        this(file, field, problem, null);
    }

    public ModelFileException(Path file, String field, String problem, Throwable cause) {
        super(file + ": " + field + ": " + problem, cause);
        this.file = file;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** The metadata key, input or output name, or {@code file}/{@code onnx} for the file itself. */
    public String field() {
        return field;
    }
}
