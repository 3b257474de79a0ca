package org.frisson.devices;

import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The synthetic board published onto LSL by its own thread. */
class DevicePublisherTest {

    @Test
    void publishesOneStreamPerKindWithoutAllocatingPerPull() {
        List<DeviceReport> reports = new CopyOnWriteArrayList<>();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DeviceReport last;
        long allocated;
        long samplesMeasured;
        try (DevicePublisher p = DevicePublisher.start(Boards.SYNTHETIC, BoardParams.NONE, DeviceOptions.reportingEvery(1.0), reports::add, line -> { })) {
            assertEquals(List.of("brainflow-synthetic-eeg", "brainflow-synthetic-eda", "brainflow-synthetic-ppg",
                    "brainflow-synthetic-temperature", "brainflow-synthetic-accel", "brainflow-synthetic-gyro", "brainflow-synthetic-device",
                    "brainflow-synthetic-markers"), p.sourceIds());
            StreamInfo eeg = p.streamInfos().get(0);
            assertEquals("EEG", eeg.type());
            assertEquals(16, eeg.channelCount());
            assertEquals(250.0, eeg.nominalRate());
            assertEquals("Fz", eeg.channels().get(0).label());
            assertEquals("microvolts", eeg.channels().get(0).unit());
            assertEquals("synthetic", eeg.desc("board"));
            assertEquals("-1", eeg.desc("board_id"));
            assertEquals("microsiemens", p.streamInfos().get(1).channels().get(0).unit());
            assertEquals(List.of("AccelerometerX", "AccelerometerY", "AccelerometerZ"), p.streamInfos().get(4).channelLabels());
            assertEquals(List.of("package", "battery", "board_time"), p.streamInfos().get(6).channelLabels());

            LongSupplier samples = () -> reports.isEmpty() ? 0 : reports.get(reports.size() - 1).samples();
            awaitSamples(samples, 250, p); // one second: JIT, the first pushes
            long before = mx.getThreadAllocatedBytes(p.threadId());
            long from = samples.getAsLong();
            awaitSamples(samples, from + 500, p);
            allocated = mx.getThreadAllocatedBytes(p.threadId()) - before;
            samplesMeasured = samples.getAsLong() - from;
            p.insertMarker(3);
            awaitSamples(samples, samples.getAsLong() + 250, p);
        }
        last = reports.get(reports.size() - 1);
        System.out.println(last.line());
        // Two reports fall in the window measured, and each allocates its record and line: a few hundred bytes.
        System.out.println("publisher thread: " + allocated + " bytes allocated over " + samplesMeasured + " samples");
        assertTrue(allocated < 4096, allocated + " bytes allocated over " + samplesMeasured + " samples");
        assertTrue(last.final_());
        assertEquals(0, last.droppedPackages(), last.line());
        assertEquals(1, last.markers(), last.line());
        assertTrue(Math.abs(last.driftPpm()) < 2000, last.line());
    }

    private static void awaitSamples(LongSupplier samples, long target, DevicePublisher p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (samples.getAsLong() < target) {
            assertNull(p.failure());
            if (System.nanoTime() > deadline) {
                fail("only " + samples.getAsLong() + " of " + target + " samples published within 20 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
