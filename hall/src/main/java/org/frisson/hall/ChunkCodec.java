package org.frisson.hall;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.util.List;

/** {@link Chunk}s to and from {@link HallSchema#CHUNK_V1} records. */
public final class ChunkCodec {

    private static final Schema SCHEMA = HallSchema.CHUNK_V1.schema();
    private static final Schema VALUES = SCHEMA.getField("values").schema();
    private static final Schema FLOATS = VALUES.getTypes().get(VALUES.getIndexNamed("org.frisson.hall.v1.FloatSamples"));
    private static final Schema DOUBLES = VALUES.getTypes().get(VALUES.getIndexNamed("org.frisson.hall.v1.DoubleSamples"));
    private static final Schema TEXTS = VALUES.getTypes().get(VALUES.getIndexNamed("org.frisson.hall.v1.StringSamples"));

    private final SingleObjectFormat format = new SingleObjectFormat(HallSchema.CHUNK_V1);

    public byte[] encode(Chunk c) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("edge_id", c.edgeId());
        r.put("participant", c.participant());
        r.put("source_id", c.sourceId());
        r.put("sequence", c.sequence());
        r.put("channel_count", c.channelCount());
        r.put("source_stamps", doubleArray(c.sourceStamps(), SCHEMA.getField("source_stamps").schema()));
        r.put("edge_stamps", doubleArray(c.edgeStamps(), SCHEMA.getField("edge_stamps").schema()));
        r.put("clock_offset", c.clockOffset());
        r.put("clock_uncertainty", c.clockUncertainty());
        r.put("values", values(c.values()));
        return format.write(r);
    }

    /** @throws RecordFormatException when the bytes are not a chunk of this version, or an inconsistent one */
    public Chunk decode(byte[] bytes) {
        GenericRecord r = format.read(bytes);
        try {
            return new Chunk(AvroFields.text(r, "edge_id"), AvroFields.text(r, "participant"),
                    AvroFields.text(r, "source_id"), (Long) r.get("sequence"), (Integer) r.get("channel_count"),
                    AvroFields.doubles(r, "source_stamps"), AvroFields.doubles(r, "edge_stamps"),
                    (Double) r.get("clock_offset"), (Double) r.get("clock_uncertainty"),
                    values((GenericRecord) r.get("values")));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new RecordFormatException("", e.getMessage(), e);
        }
    }

    private static GenericRecord values(SampleValues v) {
        GenericRecord r;
        if (v instanceof SampleValues.Floats f) {
            r = new GenericData.Record(FLOATS);
            Schema s = FLOATS.getField("values").schema();
            GenericData.Array<Float> a = new GenericData.Array<>(f.values().length, s);
            for (float x : f.values()) {
                a.add(x);
            }
            r.put("values", a);
        } else if (v instanceof SampleValues.Doubles d) {
            r = new GenericData.Record(DOUBLES);
            r.put("values", doubleArray(d.values(), DOUBLES.getField("values").schema()));
        } else {
            r = new GenericData.Record(TEXTS);
            r.put("values", List.of(((SampleValues.Texts) v).values()));
        }
        return r;
    }

    private static SampleValues values(GenericRecord r) {
        String name = r.getSchema().getName();
        List<?> l = AvroFields.list(r, "values");
        switch (name) {
            case "FloatSamples" -> {
                float[] out = new float[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (Float) l.get(i);
                }
                return new SampleValues.Floats(out);
            }
            case "DoubleSamples" -> {
                return new SampleValues.Doubles(AvroFields.doubles(r, "values"));
            }
            default -> {
                String[] out = new String[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = l.get(i).toString();
                }
                return new SampleValues.Texts(out);
            }
        }
    }

    private static GenericData.Array<Double> doubleArray(double[] values, Schema schema) {
        GenericData.Array<Double> a = new GenericData.Array<>(values.length, schema);
        for (double x : values) {
            a.add(x);
        }
        return a;
    }
}
