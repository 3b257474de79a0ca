package org.frisson.xdf;

import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamXml;

import java.util.List;

/**
 * One stream as read from an XDF file: its header (and footer), samples with their stamps (raw, or
 * synchronized and dejittered as the reader was asked), clock offsets and segments.
 *
 * <p>Values are channel-interleaved ({@code sample * channelCount() + channel}) in the stream's own type:
 * {@code float[]}, {@code double[]}, {@code long[]} (int64), {@code int[]}, {@code short[]}, {@code byte[]} or
 * {@code String[]}.
 */
public final class XdfStream {

    private final int id;
    private final String headerXml;
    private final StreamXml header;
    private final String footerXml;
    private final StreamXml footer;
    private final ChannelFormat format;
    private final int channels;
    private final double nominalRate;
    private final double[] stamps;
    private final Object values;
    private final double[] clockTimes;
    private final double[] clockValues;
    private final List<Segment> segments;
    private final List<Segment> clockSegments;
    private final double effectiveRate;

    XdfStream(int id, String headerXml, StreamXml header, String footerXml, StreamXml footer, ChannelFormat format,
              int channels, double nominalRate, double[] stamps, Object values, double[] clockTimes,
              double[] clockValues, List<Segment> segments, List<Segment> clockSegments, double effectiveRate) {
        this.id = id;
        this.headerXml = headerXml;
        this.header = header;
        this.footerXml = footerXml;
        this.footer = footer;
        this.format = format;
        this.channels = channels;
        this.nominalRate = nominalRate;
        this.stamps = stamps;
        this.values = values;
        this.clockTimes = clockTimes;
        this.clockValues = clockValues;
        this.segments = List.copyOf(segments);
        this.clockSegments = List.copyOf(clockSegments);
        this.effectiveRate = effectiveRate;
    }

    /** The stream id of its chunks in the file. */
    public int id() {
        return id;
    }

    public String name() {
        return header.text("name");
    }

    public String type() {
        return header.text("type");
    }

    public ChannelFormat format() {
        return format;
    }

    public int channelCount() {
        return channels;
    }

    /** Samples per second as declared, 0 for an irregular stream. */
    public double nominalRate() {
        return nominalRate;
    }

    public int sampleCount() {
        return stamps.length;
    }

    /** The StreamHeader XML exactly as stored. */
    public String headerXml() {
        return headerXml;
    }

    /** The parsed header, for any field: {@code header().text("desc/manufacturer")}. */
    public StreamXml header() {
        return header;
    }

    /** The channels listed in the header's {@code <desc>}. */
    public List<Channel> channels() {
        return header.channels();
    }

    /** The StreamFooter XML, or null when the file has none (e.g. a recording that was killed). */
    public String footerXml() {
        return footerXml;
    }

    /** The parsed footer, or null. */
    public StreamXml footer() {
        return footer;
    }

    /** One stamp per sample (a copy-free view: do not modify). */
    public double[] stamps() {
        return stamps;
    }

    /** The values array (see the class comment for its type and layout). */
    public Object values() {
        return values;
    }

    /** Value of a numeric stream as a double (int64 beyond 2^53 loses precision; use {@link #longValue}). */
    public double value(int sample, int channel) {
        int k = index(sample, channel);
        return switch (format) {
            case FLOAT32 -> ((float[]) values)[k];
            case DOUBLE64 -> ((double[]) values)[k];
            case INT64 -> ((long[]) values)[k];
            case INT32 -> ((int[]) values)[k];
            case INT16 -> ((short[]) values)[k];
            case INT8 -> ((byte[]) values)[k];
            case STRING -> throw new IllegalStateException("stream '" + name() + "' holds strings, not numbers");
        };
    }

    /** Value of an integer stream, exactly. */
    public long longValue(int sample, int channel) {
        int k = index(sample, channel);
        return switch (format) {
            case INT64 -> ((long[]) values)[k];
            case INT32 -> ((int[]) values)[k];
            case INT16 -> ((short[]) values)[k];
            case INT8 -> ((byte[]) values)[k];
            default -> throw new IllegalStateException("stream '" + name() + "' holds " + format + ", not integers");
        };
    }

    /** Any value as text (numbers in their shortest exact form). */
    public String text(int sample, int channel) {
        int k = index(sample, channel);
        return switch (format) {
            case STRING -> ((String[]) values)[k];
            case FLOAT32 -> Float.toString(((float[]) values)[k]);
            case DOUBLE64 -> Double.toString(((double[]) values)[k]);
            default -> Long.toString(longValue(sample, channel));
        };
    }

    /** When each clock offset was measured (the stream's clock). */
    public double[] clockTimes() {
        return clockTimes;
    }

    /** The clock offsets (seconds to add to the stream's stamps). */
    public double[] clockValues() {
        return clockValues;
    }

    /** Segments between breaks in the stamps (from dejittering; the whole stream otherwise). */
    public List<Segment> segments() {
        return segments;
    }

    /** Segments between clock resets (from clock synchronization; empty when not synchronized). */
    public List<Segment> clockSegments() {
        return clockSegments;
    }

    /** Measured samples per second (pyxdf's effective_srate); 0 for an irregular stream. */
    public double effectiveRate() {
        return effectiveRate;
    }

    private int index(int sample, int channel) {
        if (sample < 0 || sample >= stamps.length || channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("stream '" + name() + "': sample " + sample + ", channel " + channel
                    + " outside " + stamps.length + " x " + channels);
        }
        return sample * channels + channel;
    }

    @Override
    public String toString() {
        return "XdfStream[id=" + id + ", name=" + name() + ", " + channels + " x " + format + ", " + stamps.length
                + " samples]";
    }
}
