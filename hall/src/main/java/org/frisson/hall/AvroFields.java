package org.frisson.hall;

import org.apache.avro.generic.GenericRecord;

import java.util.List;

/** Typed access to a decoded record's fields, refusing a field of another type by name. */
final class AvroFields {

    private AvroFields() {
    }

    static String text(GenericRecord r, String field) {
        Object v = r.get(field);
        if (!(v instanceof CharSequence s)) {
            throw new RecordFormatException(field, "not a string");
        }
        return s.toString();
    }

    static List<?> list(GenericRecord r, String field) {
        Object v = r.get(field);
        if (!(v instanceof List<?> l)) {
            throw new RecordFormatException(field, "not an array");
        }
        return l;
    }

    static double[] doubles(GenericRecord r, String field) {
        List<?> l = list(r, field);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) l.get(i);
        }
        return out;
    }
}
