package org.frisson.hall;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Avro's single-object encoding of one schema: the marker {@code C3 01}, the schema's 8-byte fingerprint
 * (little-endian), then the record in Avro binary. Reading checks marker and fingerprint first, so a record of
 * another schema or version is refused as such, and names the field in which a damaged record broke off.
 * Safe to use from several threads.
 */
final class SingleObjectFormat {

    private static final int HEADER_BYTES = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = 0x01;

    private final HallSchema schema;
    private final GenericDatumWriter<GenericRecord> writer;

    SingleObjectFormat(HallSchema schema) {
        this.schema = schema;
        this.writer = new GenericDatumWriter<>(schema.schema());
    }

    byte[] write(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MARKER_0).put(MARKER_1).putLong(schema.fingerprint());
        out.writeBytes(header.array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot write a " + schema.fullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    GenericRecord read(byte[] bytes) {
        if (bytes == null) {
            throw new RecordFormatException("", "no value (a tombstone or an empty record), not a " + schema.fullName());
        }
        if (bytes.length < HEADER_BYTES || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new RecordFormatException("", "not an Avro single-object record (" + bytes.length
                    + " bytes without the C3 01 marker), not a " + schema.fullName());
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (fingerprint != schema.fingerprint()) {
            throw new RecordFormatException("", String.format("schema fingerprint %016x is not %s's (%016x):"
                    + " a record of another schema or version", fingerprint, schema.fullName(), schema.fingerprint()));
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
        FieldTrackingReader reader = new FieldTrackingReader(schema.schema());
        GenericRecord record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new RecordFormatException(reader.path(), "damaged " + schema.fullName() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new RecordFormatException("", "bytes left after the " + schema.fullName() + " record");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record;
    }

    /** Knows which field it was reading when the record broke off. */
    private static final class FieldTrackingReader extends GenericDatumReader<GenericRecord> {
        private final Deque<String> fields = new ArrayDeque<>();

        FieldTrackingReader(Schema schema) {
            super(schema, schema, fieldByField());
        }

        /** Avro's fast reader would not go through {@link #readField}. */
        private static GenericData fieldByField() {
            GenericData data = new GenericData();
            data.setFastReaderEnabled(false);
            return data;
        }

        @Override
        protected void readField(Object r, Schema.Field f, Object oldDatum, ResolvingDecoder in, Object state)
                throws IOException {
            fields.addLast(f.name());
            super.readField(r, f, oldDatum, in, state);
            fields.removeLast();
        }

        String path() {
            return String.join(".", fields);
        }
    }
}
