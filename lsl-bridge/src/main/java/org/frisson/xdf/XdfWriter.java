package org.frisson.xdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes encoded chunks to an XDF file, from one thread. The file only ever appears under its name
 * with its magic code and FileHeader chunk complete: they are written to a {@code .part} sibling, forced
 * to disk and renamed. Chunks are handed to the operating system whole, in one write per batch, so a
 * process killed at any moment leaves every chunk written before the kill in the file. A write that fails
 * part-way (a full disk, a file-size limit) cuts the file back to the end of its last whole chunk, so that
 * what was written stays readable.
 */
final class XdfWriter implements AutoCloseable {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final Path file;
    private final FileChannel channel;
    private long written;
    /** Where each buffer of the batch being written started (its position before the write). */
    private int[] starts = new int[0];

    private XdfWriter(Path file, FileChannel channel, long written) {
        this.file = file;
        this.channel = channel;
        this.written = written;
    }

    /**
     * Creates {@code file} with the magic code and a FileHeader (version 1.0, the local date and time).
     *
     * @param overwrite whether an existing file may be replaced
     * @throws FileAlreadyExistsException when the file exists and {@code overwrite} is false
     */
    static XdfWriter create(Path file, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "an XDF recording is already there");
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            String xml = "<?xml version=\"1.0\"?><info><version>1.0</version><datetime>"
                    + ZonedDateTime.now().format(DATETIME) + "</datetime></info>";
            ChunkEncoder enc = new ChunkEncoder(256);
            enc.fileHeader(xml.getBytes(StandardCharsets.UTF_8));
            ByteBuffer head = ByteBuffer.allocate(XdfFormat.MAGIC.length + enc.size());
            head.put(XdfFormat.MAGIC).put(enc.bytes()).flip();
            while (head.hasRemaining()) {
                ch.write(head);
            }
            ch.force(true);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new XdfWriter(file, ch, head.limit());
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(part);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** Bytes in the file so far. */
    long size() {
        return written;
    }

    /**
     * Writes the remaining bytes of {@code buffers[0..count)}, each one or more whole chunks, with as few system
     * calls as the OS allows. When a write fails, the buffers written whole stay in the file (they have nothing
     * remaining), the rest is cut off, and the exception is thrown.
     */
    void write(ByteBuffer[] buffers, int count) throws IOException {
        if (starts.length < count) {
            starts = new int[count];
        }
        long remaining = 0;
        for (int i = 0; i < count; i++) {
            starts[i] = buffers[i].position();
            remaining += buffers[i].remaining();
        }
        long whole = written;
        int first = 0;
        try {
            while (remaining > 0) {
                long n = channel.write(buffers, first, count - first);
                remaining -= n;
                written += n;
                while (first < count && !buffers[first].hasRemaining()) {
                    whole += buffers[first].limit() - starts[first];
                    first++;
                }
            }
        } catch (IOException e) {
            cutBack(whole, e);
            throw e;
        }
    }

    /** Writes one or more whole chunks; when the write fails, none of it stays in the file. */
    void write(ByteBuffer buffer) throws IOException {
        long whole = written;
        try {
            while (buffer.hasRemaining()) {
                written += channel.write(buffer);
            }
        } catch (IOException e) {
            cutBack(whole, e);
            throw e;
        }
    }

    /** Cuts the file back to {@code end}, the end of its last whole chunk, after {@code failure}. */
    private void cutBack(long end, IOException failure) {
        try {
            channel.truncate(end);
            written = end;
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Forces written data to the storage device (the OS already holds it; this survives power loss). */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.force(true);
            }
        } finally {
            channel.close();
        }
    }
}
