package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;

import java.util.Arrays;

/**
 * What a recorder knows of one stream: its shape, first and last stamp, sample count and clock offsets
 * (all for the footer), and how many of its samples the writer has handed to the OS.
 */
final class RecordedStream {

    /** Largest Samples chunk, in bytes; bigger appends are split. */
    private static final int CHUNK_BYTES = 4 << 20;
    private static final int STRING_CHUNK_SAMPLES = 4096;

    final int id;
    final String name;
    final ChannelFormat format;
    final int channels;
    final int maxChunkSamples;

    private long count;
    private double first;
    private double last;
    private double[] offsetTimes = new double[16];
    private double[] offsetValues = new double[16];
    private int offsets;
    /** Written by the writer thread only. */
    private volatile long written;

    RecordedStream(int id, String name, ChannelFormat format, int channels) {
        this.id = id;
        this.name = name;
        this.format = format;
        this.channels = channels;
        this.maxChunkSamples = format == ChannelFormat.STRING ? STRING_CHUNK_SAMPLES
                : Math.max(1, CHUNK_BYTES / (1 + XdfFormat.STAMP_BYTES + channels * format.bytes()));
    }

    synchronized void appended(double[] stamps, int from, int n) {
        if (n <= 0) {
            return;
        }
        if (count == 0) {
            first = stamps[from];
        }
        last = stamps[from + n - 1];
        count += n;
    }

    synchronized void offset(double time, double value) {
        if (offsets == offsetTimes.length) {
            offsetTimes = Arrays.copyOf(offsetTimes, offsets * 2);
            offsetValues = Arrays.copyOf(offsetValues, offsets * 2);
        }
        offsetTimes[offsets] = time;
        offsetValues[offsets] = value;
        offsets++;
    }

    synchronized long count() {
        return count;
    }

    void addWritten(long n) {
        written += n;
    }

    long written() {
        return written;
    }

    /** The StreamFooter XML as LabRecorder writes it (0 for the stamps of a stream without samples). */
    synchronized String footerXml() {
        StringBuilder sb = new StringBuilder(160 + offsets * 64);
        sb.append("<?xml version=\"1.0\"?><info><first_timestamp>").append(count == 0 ? 0.0 : first)
                .append("</first_timestamp><last_timestamp>").append(count == 0 ? 0.0 : last)
                .append("</last_timestamp><sample_count>").append(count).append("</sample_count><clock_offsets>");
        for (int i = 0; i < offsets; i++) {
            sb.append("<offset><time>").append(offsetTimes[i]).append("</time><value>").append(offsetValues[i])
                    .append("</value></offset>");
        }
        return sb.append("</clock_offsets></info>").toString();
    }
}
