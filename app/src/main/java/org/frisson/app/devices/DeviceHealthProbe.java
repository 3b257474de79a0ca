package org.frisson.app.devices;

import org.frisson.devices.DeviceHealth;
import org.frisson.pipeline.HealthProbe;
import org.frisson.stage.OutputChannel;

import java.util.List;

/** A board's health on the pipeline's health output: {@code <board>.connected}, {@code .battery}, ... */
record DeviceHealthProbe(DeviceHealth health) implements HealthProbe {

    private static final List<OutputChannel> CHANNELS = List.of(OutputChannel.of("connected", "flag"),
            OutputChannel.of("battery", "percent"), OutputChannel.of("signal_quality", "fraction"),
            OutputChannel.of("dropped_packets", "count"), OutputChannel.of("reconnects", "count"));

    @Override
    public String name() {
        return health.name();
    }

    @Override
    public List<OutputChannel> channels() {
        return CHANNELS;
    }

    @Override
    public void read(double[] into, int from) {
        into[from] = health.connected() ? 1 : 0;
        into[from + 1] = health.battery();
        into[from + 2] = health.signalQuality();
        into[from + 3] = health.droppedPackages();
        into[from + 4] = health.reconnects();
    }
}
