package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamXml;

/** Reads the fields of a stream header that the samples' layout depends on, with errors naming the field. */
final class StreamHeaderFields {

    private StreamHeaderFields() {
    }

    static int channelCount(StreamXml x, String where) {
        String v = x.text("channel_count");
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": field channel_count is '" + v + "', expected a positive integer");
    }

    static ChannelFormat format(StreamXml x, String where) {
        String v = x.text("channel_format");
        try {
            return ChannelFormat.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": field channel_format is '" + v
                    + "', expected one of float32, double64, string, int32, int16, int8, int64", e);
        }
    }

    static double nominalRate(StreamXml x, String where) {
        String v = x.text("nominal_srate");
        try {
            double r = Double.parseDouble(v);
            if (r >= 0 && Double.isFinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": field nominal_srate is '" + v + "', expected a rate >= 0");
    }
}
