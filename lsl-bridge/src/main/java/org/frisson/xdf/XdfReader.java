package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.LslException;
import org.frisson.lsl.StreamXml;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads XDF 1.0 files as pyxdf's {@code load_xdf} does, with its optional clock synchronization and
 * dejittering.
 *
 * <p>Damage is stepped over the way pyxdf steps over it, and reported as {@link XdfProblem}s naming the
 * file and byte offset: a chunk cut off by the end of the file is dropped and reading ends there; a chunk
 * whose length or content makes no sense sends the reader forward to the next Boundary chunk. A file that
 * does not start with the XDF magic code is refused with an {@link XdfFormatException}. Stream and file
 * XML is parsed with {@link StreamXml} (no DTDs, no external entities). One deliberate difference: pyxdf
 * keeps a Samples chunk whose last sample the end of the file cut short (its missing bytes filled with
 * whatever its buffer held, or a string cut short); this reader drops that chunk instead of returning
 * made-up values.
 */
public final class XdfReader {

    private final Path file;
    private final Options options;
    private final List<XdfProblem> problems = new ArrayList<>();
    private final Map<Integer, StreamState> streams = new LinkedHashMap<>();
    private final Map<ChunkType, Long> counts = new EnumMap<>(ChunkType.class);
    private byte[] content = new byte[1 << 16];
    private String fileHeaderXml;
    private StreamXml fileHeader;

    private XdfReader(Path file, Options options) {
        this.file = file;
        this.options = options;
    }

    /** Reads with pyxdf's defaults: clocks synchronized, stamps dejittered. */
    public static XdfFile read(Path file) throws IOException {
        return read(file, Options.defaults());
    }

    /**
     * @throws XdfFormatException when the file is not XDF, or (with {@link Options#strict}) at the first damage
     * @throws IOException        when the file cannot be read
     */
    public static XdfFile read(Path file, Options options) throws IOException {
        return new XdfReader(file, options).run();
    }

    private XdfFile run() throws IOException {
        long size;
        try (XdfInput in = new XdfInput(FileChannel.open(file, StandardOpenOption.READ))) {
            size = in.size();
            byte[] magic = new byte[4];
            if (size < 4) {
                throw new XdfFormatException(file, 0, "not an XDF file: " + size + " bytes, too short for the magic code 'XDF:'");
            }
            in.readFully(magic, 0, 4);
            if (!Arrays.equals(magic, XdfFormat.MAGIC)) {
                throw new XdfFormatException(file, 0, "not an XDF file: starts with " + hex(magic)
                        + " instead of the magic code 'XDF:'");
            }
            readChunks(in);
        } catch (StrictFailure e) {
            throw (XdfFormatException) e.getCause();
        }
        return finish(size);
    }

    private void readChunks(XdfInput in) throws IOException {
        while (in.remaining() > 0) {
            long start = in.position();
            int width = in.u8();
            if (width != 1 && width != 4 && width != 8) {
                if (!resync(in, start, "chunk length has an invalid byte count " + width + " (expected 1, 4 or 8)")) {
                    return;
                }
                continue;
            }
            if (in.remaining() < width + 2) {
                problem(start, "file ends inside a chunk header (" + in.remaining() + " bytes left): ignored");
                return;
            }
            long length = width == 1 ? in.u8() : width == 4 ? in.u32() : in.u64();
            int tag = in.u16();
            ChunkType type = ChunkType.ofTag(tag);
            long contentLength = length - 2;
            String what = (type == null ? "chunk with tag " + tag : type + " chunk");
            if (length < 2 || (type != null && type.carriesStreamId() && contentLength < 4)) {
                if (!resync(in, start, what + " has an impossible length " + length)) {
                    return;
                }
                continue;
            }
            if (contentLength > in.remaining()) {
                if (!resync(in, start, "truncated " + what + ": needs " + contentLength + " bytes, the file ends after "
                        + in.remaining())) {
                    return;
                }
                continue;
            }
            if (type == null) {
                problem(start, "unknown chunk tag " + tag + " (" + length + " bytes): skipped");
                in.seek(in.position() + contentLength);
                continue;
            }
            if (contentLength > Integer.MAX_VALUE - 16) {
                if (!resync(in, start, what + " of " + contentLength + " bytes is larger than this reader takes")) {
                    return;
                }
                continue;
            }
            int n = (int) contentLength;
            if (content.length < n) {
                content = new byte[Math.max(n, (int) Math.min(Integer.MAX_VALUE - 16, content.length * 2L))];
            }
            long contentStart = in.position();
            in.readFully(content, 0, n);
            ByteBuffer c = ByteBuffer.wrap(content, 0, n).order(ByteOrder.LITTLE_ENDIAN);
            counts.merge(type, 1L, Long::sum);
            if (!chunk(type, start, c)) {
                in.seek(contentStart);
                if (!resync(in, -1, null)) {
                    return;
                }
            }
        }
    }

    /** Handles one chunk; false when its content is garbled and the reader must scan forward. */
    private boolean chunk(ChunkType type, long start, ByteBuffer c) {
        switch (type) {
            case FILE_HEADER -> {
                fileHeaderXml = utf8(c);
                try {
                    fileHeader = StreamXml.parse("file header of " + file + " at byte " + start, fileHeaderXml);
                } catch (LslException e) {
                    problem(start, "FileHeader XML is malformed: " + e.getMessage());
                }
                return true;
            }
            case STREAM_HEADER -> {
                header(start, (int) (c.getInt() & 0xFFFF_FFFFL), utf8(c));
                return true;
            }
            case SAMPLES -> {
                return samples(start, c.getInt(), c);
            }
            case CLOCK_OFFSET -> {
                int id = c.getInt();
                StreamState s = streams.get(id);
                if (c.remaining() < 16) {
                    problem(start, "garbled ClockOffset chunk of stream id " + Integer.toUnsignedString(id) + ": "
                            + c.remaining() + " bytes instead of 16; scanning forward to the next boundary");
                    return false;
                }
                if (s == null) {
                    problem(start, "ClockOffset chunk for stream id " + Integer.toUnsignedString(id)
                            + " that has no StreamHeader: skipped");
                    return true;
                }
                if (c.remaining() > 16) {
                    problem(start, "ClockOffset chunk of stream '" + s.name + "' has " + (c.remaining() - 16)
                            + " extra bytes: ignored");
                }
                s.offset(c.getDouble(), c.getDouble());
                return true;
            }
            case BOUNDARY -> {
                byte[] sig = new byte[Math.min(c.remaining(), 16)];
                c.get(sig);
                if (!Arrays.equals(sig, XdfFormat.BOUNDARY_SIGNATURE)) {
                    problem(start, "Boundary chunk without the boundary signature");
                }
                return true;
            }
            case STREAM_FOOTER -> {
                int id = c.getInt();
                StreamState s = streams.get(id);
                String xml = utf8(c);
                if (s == null) {
                    problem(start, "StreamFooter chunk for stream id " + Integer.toUnsignedString(id)
                            + " that has no StreamHeader: skipped");
                    return true;
                }
                try {
                    s.footer = StreamXml.parse("footer of stream '" + s.name + "' in " + file + " at byte " + start, xml);
                    s.footerXml = xml;
                } catch (LslException e) {
                    problem(start, "StreamFooter of stream '" + s.name + "' is malformed, ignored: " + e.getMessage());
                }
                return true;
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private void header(long start, int id, String xml) {
        String where = "StreamHeader of stream id " + Integer.toUnsignedString(id) + " in " + file + " at byte " + start;
        StreamXml x;
        ChannelFormat format;
        int channels;
        double rate;
        try {
            x = StreamXml.parse(where, xml);
            channels = StreamHeaderFields.channelCount(x, where);
            format = StreamHeaderFields.format(x, where);
            rate = StreamHeaderFields.nominalRate(x, where);
        } catch (LslException | IllegalArgumentException e) {
            problem(start, "unusable StreamHeader of stream id " + Integer.toUnsignedString(id) + ", stream ignored: "
                    + e.getMessage());
            return;
        }
        if (streams.containsKey(id)) {
            problem(start, "second StreamHeader for stream id " + Integer.toUnsignedString(id)
                    + ": the samples read so far are replaced, as pyxdf does");
            streams.remove(id);
        }
        streams.put(id, new StreamState(id, xml, x, format, channels, rate));
    }

    private boolean samples(long start, int id, ByteBuffer c) {
        StreamState s = streams.get(id);
        if (s == null) {
            problem(start, "Samples chunk for stream id " + Integer.toUnsignedString(id)
                    + " that has no StreamHeader; scanning forward to the next boundary");
            return false;
        }
        int before = s.store.count();
        try {
            long n = varLen(c);
            s.store.reserve(n, c.remaining());
            for (long i = 0; i < n; i++) {
                double stamp;
                if (c.get() != 0) {
                    stamp = c.getDouble();
                } else {
                    stamp = s.lastStamp + s.period;
                }
                s.lastStamp = stamp;
                if (s.store.format == ChannelFormat.STRING) {
                    for (int ch = 0; ch < s.store.channels; ch++) {
                        long len = varLen(c);
                        if (len > c.remaining()) {
                            throw new IllegalArgumentException("string of " + len + " bytes, only " + c.remaining() + " left");
                        }
                        int at = c.position();
                        s.store.setString(ch, new String(content, at, (int) len, StandardCharsets.UTF_8));
                        c.position(at + (int) len);
                    }
                    s.store.addString(stamp);
                } else {
                    s.store.addNumeric(stamp, c);
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            s.store.truncate(before);
            String why = e instanceof BufferUnderflowException ? "it ends inside a sample" : e.getMessage();
            problem(start, "garbled Samples chunk of stream '" + s.name + "' (id " + Integer.toUnsignedString(id)
                    + "): " + why + "; its samples are dropped and reading resumes at the next boundary");
            return false;
        }
        if (c.hasRemaining()) {
            problem(start, "Samples chunk of stream '" + s.name + "' has " + c.remaining() + " bytes after its last sample: ignored");
        }
        return true;
    }

    private static long varLen(ByteBuffer c) {
        int width = c.get() & 0xFF;
        return switch (width) {
            case 1 -> c.get() & 0xFF;
            case 4 -> c.getInt() & 0xFFFF_FFFFL;
            case 8 -> {
                long v = c.getLong();
                if (v < 0) {
                    throw new IllegalArgumentException("count " + Long.toUnsignedString(v) + " is out of range");
                }
                yield v;
            }
            default -> throw new IllegalArgumentException("invalid variable-length count width " + width);
        };
    }

    /**
     * Reports a problem (unless {@code message} is null) and moves to just after the next Boundary chunk,
     * scanning from the chunk start + 1 when {@code start} is given, else from the current position.
     */
    private boolean resync(XdfInput in, long start, String message) throws IOException {
        if (message != null) {
            problem(start, message + "; scanning forward to the next boundary");
            in.seek(start + 1);
        }
        long from = in.position();
        boolean found = in.scanToBoundary();
        if (found) {
            problem(from, "reading resumes after the boundary chunk ending at byte " + in.position());
        } else {
            problem(from, "no boundary chunk follows: reading ends here");
        }
        return found;
    }

    private void problem(long offset, String message) {
        XdfProblem p = new XdfProblem(file, offset, message);
        problems.add(p);
        if (options.strict) {
            throw new StrictFailure(new XdfFormatException(file, offset, message));
        }
    }

    private static String utf8(ByteBuffer c) {
        String s = new String(c.array(), c.arrayOffset() + c.position(), c.remaining(), StandardCharsets.UTF_8);
        c.position(c.limit());
        return s;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    private XdfFile finish(long size) {
        List<XdfStream> out = new ArrayList<>();
        for (StreamState s : streams.values()) {
            out.add(s.build());
        }
        return new XdfFile(file, size, fileHeaderXml, fileHeader, out, counts, problems);
    }

    /** Carries a strict-mode failure out of the chunk handlers. */
    private static final class StrictFailure extends RuntimeException {
        StrictFailure(XdfFormatException cause) {
            super(cause);
        }
    }

    /** One stream while it is read. */
    private final class StreamState {
        final int id;
        final String headerXml;
        final StreamXml header;
        final String name;
        final double rate;
        final double period;
        final SampleStore store;
        double lastStamp;
        double[] clockTimes = new double[16];
        double[] clockValues = new double[16];
        int offsets;
        String footerXml;
        StreamXml footer;

        StreamState(int id, String headerXml, StreamXml header, ChannelFormat format, int channels, double rate) {
            this.id = id;
            this.headerXml = headerXml;
            this.header = header;
            this.name = header.text("name");
            this.rate = rate;
            this.period = rate > 0 ? 1.0 / rate : 0.0;
            this.store = new SampleStore(format, channels);
        }

        void offset(double time, double value) {
            if (offsets == clockTimes.length) {
                clockTimes = Arrays.copyOf(clockTimes, offsets * 2);
                clockValues = Arrays.copyOf(clockValues, offsets * 2);
            }
            clockTimes[offsets] = time;
            clockValues[offsets] = value;
            offsets++;
        }

        XdfStream build() {
            int n = store.count();
            if (options.synchronizeClocks && footer != null) {
                truncateCorruptedLastOffset();
                n = store.count();
            }
            double[] stamps = store.stamps();
            double[] times = Arrays.copyOf(clockTimes, offsets);
            double[] values = Arrays.copyOf(clockValues, offsets);
            List<Segment> clockSegments = List.of();
            if (options.synchronizeClocks) {
                clockSegments = ClockSync.apply(stamps, n, times, values, offsets, options.handleClockResets,
                        options.resetThresholds, options.winsorThreshold,
                        w -> problems.add(new XdfProblem(file, -1, "stream '" + name + "': " + w)));
            }
            Dejitter.Result dj;
            if (options.dejitter) {
                boolean canDrop = "true".equalsIgnoreCase(header.text("desc/synchronization/can_drop_samples"));
                dj = Dejitter.apply(stamps, n, rate, canDrop, options.jitterBreakSeconds, options.jitterBreakSamples);
            } else {
                double effective = rate != 0 && n > 1 ? (n - 1) / (stamps[n - 1] - stamps[0]) : 0;
                dj = new Dejitter.Result(n > 0 ? List.of(new Segment(0, n - 1)) : List.of(), effective);
            }
            return new XdfStream(id, headerXml, header, footerXml, footer, store.format, store.channels, rate, stamps,
                    store.values(), times, values, dj.segments(), clockSegments, dj.effectiveRate());
        }

        /** pyxdf drops an extra last sample and offset that liblsl may add when an outlet dies mid-recording. */
        private void truncateCorruptedLastOffset() {
            long footerCount;
            try {
                footerCount = Long.parseLong(footer.text("sample_count"));
            } catch (NumberFormatException e) {
                return;
            }
            if (store.count() <= footerCount || offsets < 3 || !ClockSync.lastOffsetCorrupted(clockTimes, clockValues, offsets)) {
                return;
            }
            problems.add(new XdfProblem(file, -1, "stream '" + name + "': " + store.count() + " samples but the footer says "
                    + footerCount + " and the last clock offset is anomalous: both truncated, as pyxdf does"));
            offsets--;
            store.truncate((int) footerCount);
        }
    }

    /** What to do after reading; the defaults are pyxdf's. */
    public static final class Options {
        private boolean synchronizeClocks = true;
        private boolean handleClockResets = true;
        private boolean dejitter = true;
        private double jitterBreakSeconds = 1;
        private int jitterBreakSamples = 500;
        private ClockSync.ResetThresholds resetThresholds = ClockSync.ResetThresholds.PYXDF;
        private double winsorThreshold = 0.0001;
        private boolean strict;

        private Options() {
        }

        /** Clock synchronization and dejittering on, as {@code pyxdf.load_xdf} by default. */
        public static Options defaults() {
            return new Options();
        }

        /** Stamps as stored: no synchronization, no dejittering. */
        public static Options raw() {
            return new Options().synchronizeClocks(false).dejitter(false);
        }

        public Options synchronizeClocks(boolean on) {
            this.synchronizeClocks = on;
            return this;
        }

        public Options handleClockResets(boolean on) {
            this.handleClockResets = on;
            return this;
        }

        public Options dejitter(boolean on) {
            this.dejitter = on;
            return this;
        }

        /** A break in a regular stream is a gap over {@code max(seconds, samples / nominal rate)} (pyxdf: 1 s, 500). */
        public Options jitterBreak(double seconds, int samples) {
            this.jitterBreakSeconds = seconds;
            this.jitterBreakSamples = samples;
            return this;
        }

        public Options clockResetThresholds(ClockSync.ResetThresholds t) {
            this.resetThresholds = t;
            return this;
        }

        public Options winsorThreshold(double seconds) {
            this.winsorThreshold = seconds;
            return this;
        }

        /** Throw an {@link XdfFormatException} at the first damage instead of stepping over it. */
        public Options strict(boolean on) {
            this.strict = on;
            return this;
        }
    }
}
