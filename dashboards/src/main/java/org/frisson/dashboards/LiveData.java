package org.frisson.dashboards;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the feeds publish and the broadcaster reads: the current streams (replaced as a whole when a
 * pipeline starts, which bumps the epoch) and where health, the devices and what was switched off come from. Only volatile references.
 */
final class LiveData {

    private volatile DecimatedStream[] inputs = new DecimatedStream[0];
    private volatile OutputHistory[] outputs = new OutputHistory[0];
    private volatile Supplier<List<HealthRow>> health = List::of;
    private volatile Supplier<List<String>> switchedOff = List::of;
    private volatile Supplier<List<DeviceRow>> devices = List::of;
    private volatile int epoch;
    private volatile boolean running;

    DecimatedStream[] inputs() {
        return inputs;
    }

    OutputHistory[] outputs() {
        return outputs;
    }

    int epoch() {
        return epoch;
    }

    boolean running() {
        return running;
    }

    List<HealthRow> health() {
        return health.get();
    }

    synchronized void inputs(DecimatedStream[] streams) {
        inputs = streams;
        running = true;
        epoch++;
    }

    synchronized void outputs(OutputHistory[] streams) {
        outputs = streams;
        running = true;
        epoch++;
    }

    void health(Supplier<List<HealthRow>> source) {
        health = source;
    }

    List<String> switchedOff() {
        return switchedOff.get();
    }

    void switchedOff(Supplier<List<String>> source) {
        switchedOff = source;
    }

    List<DeviceRow> devices() {
        return devices.get();
    }

    void devices(Supplier<List<DeviceRow>> source) {
        devices = source;
    }

    void stopped() {
        running = false;
    }
}
