package org.frisson.lsl;

import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream's identity and metadata: what an outlet announces and what a resolver finds.
 *
 * <p>The core fields are read once from liblsl; the full XML (with {@code <desc>}) is fetched and
 * parsed, with DTDs refused, when first asked for. Close it when done; resolved infos that are never
 * closed are released by the garbage collector.
 */
public final class StreamInfo extends NativeHandle {

    /** Rate of an irregular stream (markers, events). */
    public static final double IRREGULAR_RATE = 0.0;
    /**
     * The deepest nesting of a description's nodes (a label's text in {@code info/desc/channels/channel/label} is
     * at 5) that is read: liblsl writes a description out indented, one tab per level on every line, so the text
     * of a deeper one grows with the square of its depth (200,000 nested elements: tens of gigabytes).
     */
    public static final int MAX_DEPTH = 32;

    private final String name;
    private final String type;
    private final int channelCount;
    private final double nominalRate;
    private final ChannelFormat format;
    private final String sourceId;
    private StreamXml parsedXml;

    StreamInfo(Pointer handle) {
        super(handle, LslNative::lsl_destroy_streaminfo);
        this.name = LslNative.lsl_get_name(handle);
        this.type = LslNative.lsl_get_type(handle);
        this.channelCount = LslNative.lsl_get_channel_count(handle);
        this.nominalRate = LslNative.lsl_get_nominal_srate(handle);
        this.format = ChannelFormat.ofCode(LslNative.lsl_get_channel_format(handle));
        this.sourceId = LslNative.lsl_get_source_id(handle);
    }

    /** Starts describing a new stream to publish. */
    public static Builder builder(String name, String type) {
        return new Builder(name, type);
    }

    /**
     * Rebuilds a stream info from its XML (as stored in an XDF file). The XML is checked with
     * {@link StreamXml} first, so malformed or DOCTYPE-carrying input is refused with a clear error.
     */
    public static StreamInfo fromXml(String source, String xml) {
        StreamXml.parse(source, xml);
        LslLibrary.ensureLoaded();
        Pointer p = LslNative.lsl_streaminfo_from_xml(xml);
        if (p == null) {
            throw new LslException("stream XML from " + source + " was refused by liblsl (" + Lsl.lastError() + ")");
        }
        // liblsl marks a description it cannot use (missing uid, version, ...) in its name instead of failing
        String name = LslNative.lsl_get_name(p);
        if (name != null && name.startsWith("(invalid: ")) {
            LslNative.lsl_destroy_streaminfo(p);
            throw new LslException("stream XML from " + source + " is not a usable stream description: "
                    + Printable.of(name.substring("(invalid: ".length(), name.length() - 1)));
        }
        int depth = depth(p);
        if (depth > MAX_DEPTH) {
            LslNative.lsl_destroy_streaminfo(p);
            throw new LslException("stream XML from " + source + ": " + tooDeep());
        }
        int channels = LslNative.lsl_get_channel_count(p);
        if (channels < 1) {
            LslNative.lsl_destroy_streaminfo(p);
            throw new LslException("stream XML from " + source + ": field channel_count is " + channels
                    + ", expected a positive integer");
        }
        return new StreamInfo(p);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public int channelCount() {
        return channelCount;
    }

    /** Samples per second, or {@link #IRREGULAR_RATE}. */
    public double nominalRate() {
        return nominalRate;
    }

    public boolean isIrregular() {
        return nominalRate == IRREGULAR_RATE;
    }

    public ChannelFormat format() {
        return format;
    }

    public String sourceId() {
        return sourceId;
    }

    public String hostname() {
        return LslNative.lsl_get_hostname(handle());
    }

    public String uid() {
        return LslNative.lsl_get_uid(handle());
    }

    public String sessionId() {
        return LslNative.lsl_get_session_id(handle());
    }

    /** When the stream was created, on the creating machine's LSL clock. */
    public double createdAt() {
        return LslNative.lsl_get_created_at(handle());
    }

    /** The protocol version the stream speaks, e.g. 110. */
    public int version() {
        return LslNative.lsl_get_version(handle());
    }

    /**
     * The whole stream description as XML, {@code <desc>} included.
     *
     * @throws LslException naming the stream when its description nests deeper than {@link #MAX_DEPTH}
     */
    public String xml() {
        if (depth(handle()) > MAX_DEPTH) {
            throw new LslException("stream " + Printable.name(name) + ": " + tooDeep());
        }
        return Lsl.takeString(LslNative.lsl_get_xml(handle()));
    }

    private static String tooDeep() {
        return "its description nests more than " + MAX_DEPTH + " levels deep, which liblsl cannot write out in"
                + " bounded memory; it is not read";
    }

    /**
     * How deep the description's nodes nest, from the root {@code <info>} (1); the walk stops once past
     * {@link #MAX_DEPTH}, so a hostile description costs at most a walk over its nodes.
     */
    private static int depth(Pointer info) {
        Pointer root = LslNative.lsl_parent(LslNative.lsl_get_desc(info));
        if (root == null) {
            return 0;
        }
        int depth = 1;
        int deepest = 1;
        Pointer e = LslNative.lsl_first_child(root);
        if (e != null) {
            depth = 2;
            deepest = 2;
        }
        while (e != null && deepest <= MAX_DEPTH) {
            Pointer child = LslNative.lsl_first_child(e);
            if (child != null) {
                e = child;
                deepest = Math.max(deepest, ++depth);
                continue;
            }
            while (e != null) {
                Pointer next = LslNative.lsl_next_sibling(e);
                if (next != null) {
                    e = next;
                    break;
                }
                e = --depth > 1 ? LslNative.lsl_parent(e) : null;
            }
        }
        return deepest;
    }

    /** The channels listed in {@code <desc>}; empty when the stream lists none. */
    public List<Channel> channels() {
        return parsed().channels();
    }

    /** Channel labels from {@code <desc>}, or {@code ch1..chN} when the stream lists none. */
    public List<String> channelLabels() {
        List<Channel> chans = channels();
        List<String> labels = new ArrayList<>(channelCount);
        for (int i = 0; i < channelCount; i++) {
            String l = i < chans.size() ? chans.get(i).label() : "";
            labels.add(l.isEmpty() ? "ch" + (i + 1) : l);
        }
        return labels;
    }

    /** A value from {@code <desc>} by slash-separated path, e.g. {@code "manufacturer"}; "" if absent. */
    public String desc(String path) {
        return parsed().text("desc/" + path);
    }

    /**
     * The elements at a slash-separated path below {@code <desc>} (e.g. {@code "provenance/model"}), each as its
     * children's names and texts; empty if there are none.
     */
    public List<Map<String, String>> descElements(String path) {
        return parsed().elements("desc/" + path);
    }

    /** Whether this stream matches an LSL query predicate such as {@code "type='EEG'"}. */
    public boolean matches(String predicate) {
        return LslNative.lsl_stream_info_matches_query(handle(), predicate) != 0;
    }

    /**
     * Checks the stream's shape against what the caller expects.
     *
     * @param channels expected channel count, or a negative number to accept any
     * @param fmt      expected format, or {@code null} to accept any
     * @throws StreamMismatchException naming the stream, the field and both values
     */
    public void requireShape(int channels, ChannelFormat fmt) {
        if (channels >= 0 && channels != channelCount) {
            throw new StreamMismatchException(name, "channel count", channels, channelCount);
        }
        if (fmt != null && fmt != format) {
            throw new StreamMismatchException(name, "channel format", fmt, format);
        }
    }

    /** A copy with its own native handle. */
    public StreamInfo copy() {
        return new StreamInfo(LslNative.lsl_copy_streaminfo(handle()));
    }

    private synchronized StreamXml parsed() {
        if (parsedXml == null) {
            parsedXml = StreamXml.parse("stream " + Printable.name(name), xml());
        }
        return parsedXml;
    }

    @Override
    public String toString() {
        return "StreamInfo[name=" + name + ", type=" + type + ", channels=" + channelCount + ", rate=" + nominalRate
                + ", format=" + format + ", source_id=" + sourceId + "]";
    }

    /** Describes a stream to publish; {@link #build()} creates the liblsl object. */
    public static final class Builder {
        private final String name;
        private final String type;
        private int channelCount = 1;
        private double rate = IRREGULAR_RATE;
        private ChannelFormat format = ChannelFormat.FLOAT32;
        private String sourceId = "";
        private final List<Channel> channels = new ArrayList<>();
        private final List<String[]> descValues = new ArrayList<>();
        private final Map<String, List<DescElement>> descGroups = new LinkedHashMap<>();

        private Builder(String name, String type) {
            this.name = name;
            this.type = type;
        }

        public Builder channelCount(int n) {
            this.channelCount = n;
            return this;
        }

        /** Samples per second, or {@link #IRREGULAR_RATE} (the default). */
        public Builder rate(double samplesPerSecond) {
            this.rate = samplesPerSecond;
            return this;
        }

        public Builder format(ChannelFormat f) {
            this.format = f;
            return this;
        }

        /** A stable id (device serial, config name) that lets inlets recover when the outlet restarts. */
        public Builder sourceId(String id) {
            this.sourceId = id;
            return this;
        }

        public Builder channel(String label, String unit, String chType) {
            channels.add(new Channel(label, unit, chType));
            return this;
        }

        /** One channel per label, all with the same unit and type. */
        public Builder channels(List<String> labels, String unit, String chType) {
            labels.forEach(l -> channel(l, unit, chType));
            return this;
        }

        /** A top-level {@code <desc>} child such as {@code manufacturer}. */
        public Builder desc(String key, String value) {
            descValues.add(new String[]{key, value});
            return this;
        }

        /**
         * A {@code <desc>} child {@code group} (made once) holding one {@code element} per call, with
         * {@code fields} as its children: {@code <provenance><model><stage>...</stage>...</model></provenance>}.
         */
        public Builder descElement(String group, String element, Map<String, String> fields) {
            descGroups.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new DescElement(element, new LinkedHashMap<>(fields)));
            return this;
        }

        public StreamInfo build() {
            if (channelCount < 1) {
                throw new IllegalArgumentException("stream '" + name + "': channel count must be >= 1, got " + channelCount);
            }
            if (rate < 0 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("stream '" + name + "': nominal rate must be >= 0, got " + rate);
            }
            if (!channels.isEmpty() && channels.size() != channelCount) {
                throw new IllegalArgumentException("stream '" + name + "': " + channels.size()
                        + " channel descriptions for " + channelCount + " channels");
            }
            LslLibrary.ensureLoaded();
            StreamInfo info = new StreamInfo(LslNative.lsl_create_streaminfo(name, type, channelCount, rate,
                    format.code(), sourceId));
            Pointer desc = LslNative.lsl_get_desc(info.handle());
            for (String[] kv : descValues) {
                LslNative.lsl_append_child_value(desc, kv[0], kv[1]);
            }
            for (Map.Entry<String, List<DescElement>> g : descGroups.entrySet()) {
                Pointer group = LslNative.lsl_append_child(desc, g.getKey());
                for (DescElement item : g.getValue()) {
                    Pointer e = LslNative.lsl_append_child(group, item.name());
                    item.fields().forEach((k, v) -> LslNative.lsl_append_child_value(e, k, v));
                }
            }
            if (!channels.isEmpty()) {
                Pointer chans = LslNative.lsl_append_child(desc, "channels");
                for (Channel c : channels) {
                    Pointer ch = LslNative.lsl_append_child(chans, "channel");
                    LslNative.lsl_append_child_value(ch, "label", c.label());
                    if (!c.unit().isEmpty()) {
                        LslNative.lsl_append_child_value(ch, "unit", c.unit());
                    }
                    if (!c.type().isEmpty()) {
                        LslNative.lsl_append_child_value(ch, "type", c.type());
                    }
                }
            }
            return info;
        }

        private record DescElement(String name, Map<String, String> fields) {
        }
    }
}
