package org.frisson.sim;

import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/** A simulated session published live: one LSL outlet per stream, opened when the sink is made. */
final class LslSink implements SessionSink {

    private final List<StreamInfo> infos = new ArrayList<>();
    private final List<Outlet> outlets = new ArrayList<>();

    LslSink(List<StreamSpec> streams) {
        try {
            for (StreamSpec s : streams) {
                StreamInfo info = s.info();
                infos.add(info);
                outlets.add(Outlet.open(info));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until every outlet has a consumer or the LSL clock reaches {@code deadline}. */
    void waitForConsumers(double deadline) {
        for (Outlet o : outlets) {
            o.waitForConsumers(Math.max(0, deadline - org.frisson.lsl.Lsl.localClock()));
        }
    }

    @Override
    public void samples(int stream, float[] values, int samples, double[] stamps) {
        outlets.get(stream).push(values, samples, stamps);
    }

    @Override
    public void markers(int stream, String[] texts, int count, double[] stamps) {
        outlets.get(stream).push(texts, count, stamps);
    }

    @Override
    public void close() {
        outlets.forEach(Outlet::close);
        infos.forEach(StreamInfo::close);
        outlets.clear();
        infos.clear();
    }
}
