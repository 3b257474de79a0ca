package org.frisson.hall;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The record schemas of a hall, each a versioned {@code .avsc} resource beside this class. */
public enum HallSchema {

    STREAM_HEADER_V1("stream-header-v1.avsc"),
    CHUNK_V1("chunk-v1.avsc");

    private final Schema schema;
    private final long fingerprint;

    HallSchema(String resource) {
        try (InputStream in = HallSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is missing");
            }
            this.schema = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("schema resource " + resource + ": " + e.getMessage(), e);
        }
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** The CRC-64-AVRO fingerprint of the schema's parsing form, which precedes every record written with it. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The full name with its version, e.g. {@code org.frisson.hall.v1.Chunk}. */
    public String fullName() {
        return schema.getFullName();
    }
}
