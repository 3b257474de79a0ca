package org.frisson.xdf;

import com.sun.management.ThreadMXBean;
import org.frisson.lsl.ChannelFormat;
import org.frisson.testsupport.Bounded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hostile XDF input for the reader: a small valid recording written by {@link XdfWriter}, a map of its chunks,
 * ways to damage it, and the check every damaged file must pass: the reader returns an {@link XdfFile} whose
 * problems name the file, or throws an {@link XdfFormatException} naming the file and a byte offset; nothing
 * else, allocating no more than {@link #ALLOCATION_FIXED} plus {@link #ALLOCATION_PER_BYTE} per byte of the file.
 */
final class HostileXdf {

    /** What the reader may allocate whatever the file: its read buffers, the XML parser, the stream objects. */
    static final long ALLOCATION_FIXED = 32L << 20;
    /** What it may allocate per byte of the file: a sample's stamp and values, in a few copies. */
    static final long ALLOCATION_PER_BYTE = 512;
    /** A read that takes longer than this is taken as hanging (a loop that never ends), not as slow. */
    private static final long HANG_SECONDS = 60;

    static final String EEG = header("EEG", "EEG", 4, ChannelFormat.FLOAT32, 100);
    static final String ACC = header("Acc", "Accelerometer", 3, ChannelFormat.DOUBLE64, 50);
    static final String MARKERS = header("Markers", "Markers", 1, ChannelFormat.STRING, 0);
    static final String FIXED_DATETIME = "2024-01-01T00:00:00+0000";

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final AtomicInteger FILES = new AtomicInteger();
    /** The most any check allocated, and for which file size: printed after a run to show how far the bound is. */
    private static final java.util.concurrent.atomic.AtomicLong MOST_ALLOCATED = new java.util.concurrent.atomic.AtomicLong();
    private static volatile long mostAllocatedSize;
    private static final AtomicInteger CHECKS = new AtomicInteger();

    private HostileXdf() {
    }

    static String header(String name, String type, int channels, ChannelFormat f, double rate) {
        return "<?xml version=\"1.0\"?><info><name>" + name + "</name><type>" + type + "</type><channel_count>" + channels
                + "</channel_count><nominal_srate>" + rate + "</nominal_srate><channel_format>" + f.lslName()
                + "</channel_format><source_id>" + name + "-1</source_id><created_at>10</created_at>"
                + "<desc><channels><channel><label>c0</label></channel></channels></desc></info>";
    }

    /**
     * The seed recording: float32 EEG (4 channels, 100 Hz), double64 accelerometer (3 channels, 50 Hz) and
     * string markers, three Samples chunks each, clock offsets, boundaries and footers, written by
     * {@link XdfWriter} with the FileHeader's date fixed so the bytes are always the same.
     */
    static byte[] seed(Path dir) {
        try {
            Path file = dir.resolve("seed-" + FILES.incrementAndGet() + ".xdf");
            try (XdfWriter w = XdfWriter.create(file, true)) {
                ChunkEncoder enc = new ChunkEncoder(1024);
                enc.streamHeader(1, utf8(EEG));
                enc.streamHeader(2, utf8(ACC));
                enc.streamHeader(3, utf8(MARKERS));
                w.write(enc.bytes());
                for (int c = 0; c < 3; c++) {
                    enc.reset();
                    double[] t = new double[10];
                    float[] eeg = new float[40];
                    double[] acc = new double[15];
                    for (int i = 0; i < 10; i++) {
                        t[i] = 100 + (c * 10 + i) * 0.01;
                        for (int ch = 0; ch < 4; ch++) {
                            eeg[4 * i + ch] = c * 100 + i * 4 + ch;
                        }
                    }
                    for (int i = 0; i < 15; i++) {
                        acc[i] = Math.sin(c * 15 + i);
                    }
                    enc.samples(1, 4, eeg, 0, 10, t);
                    enc.samples(2, ChannelFormat.DOUBLE64, 3, acc, 0, 5, t);
                    enc.samples(3, 1, new String[]{"start " + c, "Größe ✓ " + c}, 0, 2, new double[]{t[0], t[5]});
                    for (int id = 1; id <= 3; id++) {
                        enc.clockOffset(id, 100 + c * 0.1, 0.25 + c * 1e-5);
                    }
                    enc.boundary();
                    w.write(enc.bytes());
                }
                enc.reset();
                for (int id = 1; id <= 3; id++) {
                    enc.streamFooter(id, utf8("<?xml version=\"1.0\"?><info><first_timestamp>100</first_timestamp>"
                            + "<last_timestamp>100.29</last_timestamp><sample_count>" + (id == 3 ? 6 : id == 1 ? 30 : 15)
                            + "</sample_count><clock_offsets><offset><time>100</time><value>0.25</value></offset>"
                            + "</clock_offsets></info>"));
                }
                w.write(enc.bytes());
            }
            byte[] b = Files.readAllBytes(file);
            Files.delete(file);
            String text = new String(b, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("<datetime>") + "<datetime>".length();
            int end = text.indexOf("</datetime>");
            if (end - at != FIXED_DATETIME.length()) {
                throw new IllegalStateException("unexpected datetime " + text.substring(at, end));
            }
            System.arraycopy(FIXED_DATETIME.getBytes(StandardCharsets.US_ASCII), 0, b, at, end - at);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One chunk of an intact file: where it starts, its length field, tag and content. */
    record Chunk(int start, int widthAt, int width, int contentAt, int end, ChunkType type, int streamId) {

        /** For a Samples chunk: where its sample count (count byte first) is. */
        int countAt() {
            return contentAt + 4;
        }
    }

    /** The chunks of an intact file, in order. */
    static List<Chunk> chunks(byte[] b) {
        List<Chunk> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        in.position(4);
        while (in.hasRemaining()) {
            int start = in.position();
            int width = in.get();
            long length = width == 1 ? in.get() & 0xFF : width == 4 ? in.getInt() & 0xFFFF_FFFFL : in.getLong();
            ChunkType type = ChunkType.ofTag(in.getShort() & 0xFFFF);
            int contentAt = in.position();
            int end = (int) (contentAt + length - 2);
            int id = type.carriesStreamId() ? in.getInt(contentAt) : -1;
            out.add(new Chunk(start, start, width, contentAt, end, type, id));
            in.position(end);
        }
        return out;
    }

    static List<Chunk> chunks(byte[] b, ChunkType type) {
        return chunks(b).stream().filter(c -> c.type() == type).toList();
    }

    /** Every string value in the string stream's Samples chunks: where its length starts, where its bytes start, how many. */
    static List<int[]> stringValues(byte[] b) {
        List<int[]> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (Chunk c : chunks(b, ChunkType.SAMPLES)) {
            if (c.streamId() != 3) {
                continue;
            }
            in.position(c.countAt());
            long n = varLen(in);
            for (long i = 0; i < n; i++) {
                if (in.get() != 0) {
                    in.getDouble();
                }
                int lengthAt = in.position();
                long len = varLen(in);
                out.add(new int[]{lengthAt, in.position(), (int) len});
                in.position(in.position() + (int) len);
            }
        }
        return out;
    }

    private static long varLen(ByteBuffer in) {
        int w = in.get();
        return w == 1 ? in.get() & 0xFF : w == 4 ? in.getInt() & 0xFFFF_FFFFL : in.getLong();
    }

    /** A variable-length integer of the given width (1, 4 or 8), its value cut to that width. */
    static byte[] varLen(int width, long value) {
        ByteBuffer out = ByteBuffer.allocate(1 + width).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) width);
        switch (width) {
            case 1 -> out.put((byte) value);
            case 4 -> out.putInt((int) value);
            default -> out.putLong(value);
        }
        return out.array();
    }

    /** {@code b} with {@code [from, to)} replaced by {@code with}. */
    static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }

    /** {@code b} with chunk {@code c} replaced by a StreamHeader chunk of the same stream carrying {@code xml}. */
    static byte[] replaceHeader(byte[] b, Chunk c, byte[] xml) {
        ChunkEncoder enc = new ChunkEncoder(xml.length + 32);
        enc.streamHeader(c.streamId(), xml);
        return replace(b, c, enc);
    }

    /** {@code b} with chunk {@code c} replaced by a StreamFooter chunk of the same stream carrying {@code xml}. */
    static byte[] replaceFooter(byte[] b, Chunk c, byte[] xml) {
        ChunkEncoder enc = new ChunkEncoder(xml.length + 32);
        enc.streamFooter(c.streamId(), xml);
        return replace(b, c, enc);
    }

    static byte[] replaceFileHeader(byte[] b, byte[] xml) {
        ChunkEncoder enc = new ChunkEncoder(xml.length + 32);
        enc.fileHeader(xml);
        return replace(b, chunks(b).get(0), enc);
    }

    /** {@code b} with chunk {@code c} replaced by the chunks {@code enc} holds. */
    private static byte[] replace(byte[] b, Chunk c, ChunkEncoder enc) {
        ByteBuffer chunk = enc.bytes();
        byte[] with = new byte[chunk.remaining()];
        chunk.get(with);
        return splice(b, c.start(), c.end(), with);
    }

    /** What reading a damaged file came to. */
    record Outcome(XdfFile file, XdfFormatException refused, long allocated) {
    }

    /**
     * Writes {@code bytes} to a file in {@code dir} and reads it tolerantly (clocks synchronized, dejittered,
     * each stream summarized as {@code frisson info} does) and strictly.
     *
     * @throws AssertionError when the reader throws anything but a well-formed {@link XdfFormatException},
     *                        allocates more than the bound, or does not finish
     */
    static Outcome check(Path dir, byte[] bytes, String what) {
        Path file;
        try {
            file = dir.resolve("hostile-" + FILES.incrementAndGet() + ".xdf");
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // the reader's own allocation bound is checked in read(), against the file's size
            return Bounded.run(what, HANG_SECONDS, Long.MAX_VALUE, () -> read(file, bytes.length, what));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the temporary directory goes anyway
            }
        }
    }

    private static Outcome read(Path file, long size, String what) {
        long me = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(me);
        XdfFile result = null;
        XdfFormatException refused = null;
        try {
            result = XdfReader.read(file, XdfReader.Options.defaults());
            for (XdfStream s : result.streams()) {
                StreamSummary.of(s);
            }
            XdfReader.read(file, XdfReader.Options.defaults().dejitter(false)).streams().forEach(StreamSummary::of);
        } catch (XdfFormatException e) {
            refused = e;
        } catch (Throwable e) {
            throw new AssertionError(what + ": the tolerant reader threw " + e, e);
        }
        try {
            XdfReader.read(file, XdfReader.Options.raw().strict(true));
        } catch (XdfFormatException e) {
            checkRefusal(file, size, e, what);
        } catch (Throwable e) {
            throw new AssertionError(what + ": the strict reader threw " + e, e);
        }
        long allocated = THREADS.getThreadAllocatedBytes(me) - before;
        long bound = 3 * (ALLOCATION_FIXED + ALLOCATION_PER_BYTE * size);
        if (allocated > bound) {
            throw new AssertionError(what + ": reading a file of " + size + " bytes three times allocated " + allocated
                    + " bytes, over the bound of " + bound);
        }
        CHECKS.incrementAndGet();
        if (allocated > MOST_ALLOCATED.get()) {
            MOST_ALLOCATED.set(allocated);
            mostAllocatedSize = size;
        }
        if (refused != null) {
            checkRefusal(file, size, refused, what);
        } else {
            for (XdfProblem p : result.problems()) {
                if (!p.file().equals(file) || p.offset() < -1 || p.offset() > size) {
                    throw new AssertionError(what + ": problem with a bad place: " + p);
                }
            }
        }
        return new Outcome(result, refused, allocated);
    }

    private static void checkRefusal(Path file, long size, XdfFormatException e, String what) {
        String msg = e.getMessage();
        if (!file.equals(e.file()) || e.offset() < 0 || e.offset() > size || !msg.startsWith(file + ": byte " + e.offset() + ": ")
                || msg.indexOf('\n') >= 0) {
            throw new AssertionError(what + ": refusal does not name the file and offset on one line: " + msg, e);
        }
    }

    /** How many files were checked, and the most one check allocated (for a file of how many bytes). */
    static String allocationReport() {
        return CHECKS.get() + " files checked; the most one check (three reads) allocated: " + MOST_ALLOCATED.get()
                + " bytes, for a file of " + mostAllocatedSize + " bytes";
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    static byte[] unhex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return b;
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
