package org.frisson.hall;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** {@link StreamHeader}s to and from {@link HallSchema#STREAM_HEADER_V1} records. */
public final class StreamHeaderCodec {

    private final SingleObjectFormat format = new SingleObjectFormat(HallSchema.STREAM_HEADER_V1);

    public byte[] encode(StreamHeader h) {
        GenericRecord r = new GenericData.Record(HallSchema.STREAM_HEADER_V1.schema());
        r.put("edge_id", h.edgeId());
        r.put("participant", h.participant());
        r.put("source_id", h.sourceId());
        r.put("xml", h.xml());
        return format.write(r);
    }

    /** @throws RecordFormatException when the bytes are not a stream header of this version */
    public StreamHeader decode(byte[] bytes) {
        GenericRecord r = format.read(bytes);
        try {
            return new StreamHeader(AvroFields.text(r, "edge_id"), AvroFields.text(r, "participant"),
                    AvroFields.text(r, "source_id"), AvroFields.text(r, "xml"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RecordFormatException("", e.getMessage(), e);
        }
    }
}
