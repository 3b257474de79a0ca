package org.frisson.xdf;

import org.frisson.lsl.StreamXml;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XDF file as read: its header, its streams in the order their headers appear, how many chunks of each
 * type it holds, and the problems stepped over (empty for an intact file).
 */
public final class XdfFile {

    private final Path path;
    private final long size;
    private final String headerXml;
    private final StreamXml header;
    private final List<XdfStream> streams;
    private final Map<ChunkType, Long> chunkCounts;
    private final List<XdfProblem> problems;

    XdfFile(Path path, long size, String headerXml, StreamXml header, List<XdfStream> streams,
            Map<ChunkType, Long> chunkCounts, List<XdfProblem> problems) {
        this.path = path;
        this.size = size;
        this.headerXml = headerXml;
        this.header = header;
        this.streams = List.copyOf(streams);
        this.chunkCounts = new EnumMap<>(chunkCounts);
        this.problems = List.copyOf(problems);
    }

    public Path path() {
        return path;
    }

    /** File size in bytes. */
    public long size() {
        return size;
    }

    /** The FileHeader XML, or null when the file has none. */
    public String headerXml() {
        return headerXml;
    }

    /** The parsed FileHeader ({@code version}, {@code datetime}), or null. */
    public StreamXml header() {
        return header;
    }

    public List<XdfStream> streams() {
        return streams;
    }

    /** The stream with this name, if any (the first one when several share it). */
    public Optional<XdfStream> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Chunks read, per type. */
    public long chunkCount(ChunkType type) {
        return chunkCounts.getOrDefault(type, 0L);
    }

    /** Truncation and damage stepped over, in file order. */
    public List<XdfProblem> problems() {
        return problems;
    }
}
