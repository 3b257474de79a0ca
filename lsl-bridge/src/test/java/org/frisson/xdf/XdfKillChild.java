package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link XdfKillTest} kills: records a 1 kHz counter stream (channel 0 = sample number,
 * stamp = number / 1000), a marker stream and clock offsets in real time, and after every chunk prints
 * {@code pushed <samples appended> written <samples handed to the OS>} on stdout.
 */
public final class XdfKillChild {

    private XdfKillChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (XdfRecorder rec = XdfRecorder.create(file, XdfRecorder.options().boundaryInterval(0.5))) {
            int counter = rec.addStream(XdfRecorderTest.header("Counter", 4, ChannelFormat.FLOAT32, 1000));
            int markers = rec.addStream(XdfRecorderTest.header("Markers", 1, ChannelFormat.STRING, 0));
            float[] v = new float[4 * 5];
            double[] t = new double[5];
            long n = 0;
            long start = System.nanoTime();
            for (int chunk = 0; ; chunk++) {
                for (int i = 0; i < 5; i++, n++) {
                    t[i] = n / 1000.0;
                    v[4 * i] = n;
                    v[4 * i + 1] = -n;
                }
                rec.append(counter, v, t, 5);
                if (chunk % 50 == 0) {
                    rec.append(markers, new String[]{"marker " + chunk}, new double[]{t[0]}, 1);
                    rec.clockOffset(counter, t[0], 1e-4 * chunk);
                }
                System.out.println("pushed " + n + " written " + rec.writtenSamples(counter));
                long due = start + n * 1_000_000L;
                LockSupport.parkNanos(due - System.nanoTime());
            }
        }
    }
}
