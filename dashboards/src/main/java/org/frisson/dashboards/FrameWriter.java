package org.frisson.dashboards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes what goes to pages as server-sent events, one JSON object per event ({@code data: ...}):
 * {@code meta} (the streams, their channels and units), then {@code frame}s with the points and samples
 * that are new since the previous frame ({@code full}: the whole window instead), and {@code ratings} with
 * the tracks whose rating is pending whenever that list changes. Non-finite numbers become {@code null}.
 */
final class FrameWriter {

    /** What one frame carries besides the streams' data. */
    record Extras(double now, boolean running, List<HealthRow> health, List<DeviceRow> devices,
                  List<String> switchedOff, double latencyP50, double latencyP99, double frames, long clients,
                  double displayDropped) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String title;

    FrameWriter(String title) {
        this.title = title;
    }

    /** The {@code meta} event for the current streams. */
    byte[] meta(int epoch, DecimatedStream[] inputs, OutputHistory[] outputs) {
        return event(g -> {
            g.writeStringField("kind", "meta");
            g.writeNumberField("epoch", epoch);
            g.writeStringField("title", title);
            g.writeNumberField("window", DecimatedStream.WINDOW_SECONDS);
            g.writeNumberField("history", OutputHistory.SECONDS);
            g.writeArrayFieldStart("inputs");
            for (DecimatedStream s : inputs) {
                g.writeStartObject();
                describe(g, s.description);
                number(g, "displayRate", s.displayRate);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("outputs");
            for (OutputHistory o : outputs) {
                g.writeStartObject();
                describe(g, o.description);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /**
     * A {@code frame} event with input points {@code [from[i], to[i])} and output samples
     * {@code [outFrom[k], outTo[k])}; {@code extras.health} may be null (not in this frame).
     */
    byte[] frame(boolean full, DecimatedStream[] inputs, long[] from, long[] to, OutputHistory[] outputs,
                 long[] outFrom, long[] outTo, Extras extras) {
        return event(g -> {
            g.writeStringField("kind", "frame");
            g.writeBooleanField("full", full);
            number(g, "now", extras.now());
            g.writeBooleanField("running", extras.running());
            g.writeArrayFieldStart("inputs");
            for (int i = 0; i < inputs.length; i++) {
                if (from[i] >= to[i]) {
                    continue;
                }
                DecimatedStream.Slice s = inputs[i].read(from[i], to[i]);
                g.writeStartObject();
                g.writeNumberField("i", i);
                stamps(g, s.stamps());
                if (s.texts() != null) {
                    g.writeArrayFieldStart("text");
                    for (String x : s.texts()) {
                        g.writeString(x);
                    }
                    g.writeEndArray();
                } else {
                    floats(g, "lo", s.lo());
                    floats(g, "hi", s.hi());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("outputs");
            for (int k = 0; k < outputs.length; k++) {
                if (outFrom[k] >= outTo[k]) {
                    continue;
                }
                OutputHistory.Slice s = outputs[k].read(outFrom[k], outTo[k]);
                g.writeStartObject();
                g.writeNumberField("i", k);
                stamps(g, s.stamps());
                g.writeArrayFieldStart("v");
                for (double[] channel : s.values()) {
                    g.writeStartArray();
                    for (double v : channel) {
                        number(g, v);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (extras.health() != null) {
                g.writeArrayFieldStart("health");
                for (HealthRow h : extras.health()) {
                    health(g, h);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("devices");
                for (DeviceRow d : extras.devices()) {
                    device(g, d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("switchedOff");
                for (String line : extras.switchedOff()) {
                    g.writeString(line);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("latency");
                number(g, "p50", extras.latencyP50());
                number(g, "p99", extras.latencyP99());
                g.writeEndObject();
                number(g, "frames", extras.frames());
                g.writeObjectFieldStart("display");
                g.writeNumberField("clients", extras.clients());
                number(g, "dropped", extras.displayDropped());
                g.writeEndObject();
            }
        });
    }

    /** A {@code ratings} event: the tracks whose rating is pending, oldest first. */
    byte[] ratings(List<String> pending) {
        return event(g -> {
            g.writeStringField("kind", "ratings");
            g.writeArrayFieldStart("pending");
            for (String track : pending) {
                g.writeString(track);
            }
            g.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] event(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            out.write(PREFIX);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                body.write(g);
                g.writeEndObject();
            }
            out.write(SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void describe(JsonGenerator g, StreamDescription d) throws IOException {
        g.writeStringField("name", d.name());
        g.writeStringField("type", d.type());
        number(g, "rate", d.rate());
        g.writeBooleanField("text", d.text());
        g.writeArrayFieldStart("labels");
        for (String l : d.labels()) {
            g.writeString(l);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("units");
        for (String u : d.units()) {
            g.writeString(u);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notices");
        for (String n : d.notices()) {
            g.writeString(n);
        }
        g.writeEndArray();
    }

    private static void health(JsonGenerator g, HealthRow h) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", h.name());
        g.writeStringField("role", h.role());
        number(g, "nominalRate", h.nominalRate());
        number(g, "effectiveRate", h.effectiveRate());
        g.writeNumberField("samples", h.samples());
        g.writeNumberField("gaps", h.gaps());
        g.writeNumberField("missed", h.missedSamples());
        number(g, "clockOffset", h.clockOffset());
        number(g, "clockUncertainty", h.clockUncertainty());
        g.writeNumberField("clockResets", h.clockResets());
        number(g, "lag", h.lag());
        number(g, "occupancy", h.occupancy());
        g.writeNumberField("late", h.lateSamples());
        g.writeNumberField("dropped", h.droppedSamples());
        g.writeNumberField("nonFinite", h.nonFinite());
        g.writeNumberField("missingFrames", h.missingFrames());
        g.writeNumberField("losses", h.losses());
        g.writeBooleanField("lost", h.lost());
        g.writeStringField("error", h.error());
        g.writeEndObject();
    }

    private static void device(JsonGenerator g, DeviceRow d) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", d.name());
        g.writeStringField("state", d.state());
        number(g, "battery", d.battery());
        number(g, "signalQuality", d.signalQuality());
        g.writeStringField("badChannels", d.badChannels());
        g.writeNumberField("droppedPackages", d.droppedPackages());
        g.writeNumberField("reconnects", d.reconnects());
        g.writeStringField("lastError", d.lastError());
        g.writeEndObject();
    }

    private static void stamps(JsonGenerator g, double[] stamps) throws IOException {
        g.writeArrayFieldStart("t");
        for (double t : stamps) {
            number(g, t);
        }
        g.writeEndArray();
    }

    private static void floats(JsonGenerator g, String name, float[][] channels) throws IOException {
        g.writeArrayFieldStart(name);
        for (float[] channel : channels) {
            g.writeStartArray();
            for (float v : channel) {
                if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        number(g, v);
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }
}
