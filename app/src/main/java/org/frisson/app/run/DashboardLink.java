package org.frisson.app.run;

import org.frisson.pipeline.ChunkListener;
import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.ProvenanceMap;
import org.frisson.pipeline.StreamHealth;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.DeviceRow;
import org.frisson.devices.DeviceHealth;
import org.frisson.dashboards.HealthRow;
import org.frisson.dashboards.InputFeed;
import org.frisson.dashboards.OutputFeed;
import org.frisson.dashboards.StreamDescription;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/** Connects a pipeline to a dashboard: its taps feed the dashboard, its health fills the table. */
final class DashboardLink {

    private DashboardLink() {
    }

    /** The pipeline taps that feed {@code dashboard}, or none when it is null. */
    static Pipeline.Taps taps(Dashboard dashboard) {
        if (dashboard == null) {
            return Pipeline.Taps.NONE;
        }
        return new Pipeline.Taps(List.of(new Chunks(dashboard.inputs())), List.of(new Outputs(dashboard.outputs())));
    }

    /** Makes the dashboard's health table show {@code pipeline}'s streams, and its pages what it switched off. */
    static void showHealth(Dashboard dashboard, Pipeline pipeline) {
        if (dashboard != null) {
            dashboard.health(() -> rows(pipeline.health()));
            dashboard.switchedOff(pipeline::switchedOff);
        }
    }

    /** Makes the dashboard's device table show the boards the run opened itself. */
    static void showDevices(Dashboard dashboard, List<DeviceHealth> devices) {
        if (dashboard != null && !devices.isEmpty()) {
            dashboard.devices(() -> devices.stream().map(d -> new DeviceRow(d.name(), d.state().name(), d.battery(),
                    d.signalQuality(), d.badChannels(), d.droppedPackages(), d.reconnects(), d.lastError())).toList());
        }
    }

    static List<HealthRow> rows(List<StreamHealth> health) {
        List<HealthRow> rows = new ArrayList<>(health.size());
        for (StreamHealth h : health) {
            rows.add(new HealthRow(h.name(), h.role(), h.nominalRate(), h.effectiveRate(), h.samples(), h.gaps(),
                    h.missedSamples(), h.clockOffset(), h.clockUncertainty(), h.clockResets(), h.lag(), h.occupancy(),
                    h.lateSamples(), h.droppedSamples(), h.nonFinite(), h.missingFrames(), h.losses(), h.lost(),
                    h.error()));
        }
        return rows;
    }

    static List<StreamDescription> describe(List<StreamInfo> infos) {
        List<StreamDescription> out = new ArrayList<>(infos.size());
        for (StreamInfo info : infos) {
            List<Channel> described = info.channels();
            List<String> labels = new ArrayList<>();
            List<String> units = new ArrayList<>();
            for (int c = 0; c < info.channelCount(); c++) {
                Channel ch = c < described.size() ? described.get(c) : null;
                labels.add(ch != null && !ch.label().isEmpty() ? ch.label() : "ch" + (c + 1));
                units.add(ch != null ? ch.unit() : "");
            }
            out.add(new StreamDescription(info.name(), info.type(), info.nominalRate(), labels, units,
                    info.format() == ChannelFormat.STRING, ProvenanceMap.notices(info)));
        }
        return out;
    }

    /** Raw input chunks into the dashboard's decimating rings (own ring consumer thread; no allocation). */
    private record Chunks(InputFeed feed) implements ChunkListener {
        @Override
        public void start(List<StreamInfo> inputs) {
            feed.start(describe(inputs));
        }

        @Override
        public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts, double clockOffset) {
            feed.chunk(stream, samples, stamps, values, texts);
        }

        @Override
        public void end() {
            feed.end();
        }
    }

    /**
     * Output samples into the dashboard's rings (aligner thread; a copy, nothing else). Marker outputs are
     * not shown (the numeric outputs carry what the panels draw), so outputs are renumbered without them.
     */
    private static final class Outputs implements OutputListener {
        private final OutputFeed feed;
        private int[] shown = new int[0];

        Outputs(OutputFeed feed) {
            this.feed = feed;
        }

        @Override
        public void start(List<StreamInfo> outputs) {
            List<StreamInfo> numeric = new ArrayList<>();
            shown = new int[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                boolean text = outputs.get(i).format() == ChannelFormat.STRING;
                shown[i] = text ? -1 : numeric.size();
                if (!text) {
                    numeric.add(outputs.get(i));
                }
            }
            feed.start(describe(numeric));
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            feed.sample(shown[output], stamp, values);
        }

        @Override
        public void end() {
            feed.end();
        }
    }
}
