package org.frisson.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Disruptor between the inlet readers and the aligner: {@code ring_size} preallocated {@link ChunkEvent}s,
 * several producers (one reader per input stream, and the ticker), consumed by the aligner on a thread of its
 * own and by each chunk listener on a thread of its own, every consumer waiting as {@code pipeline.wait}
 * says. An exception reaching the ring is logged and counted; the ring goes on.
 */
final class Ring implements AutoCloseable {

    /** How long {@link #close} lets the consumers drain the ring before halting them. */
    private static final long SHUTDOWN_SECONDS = 5;

    private final Disruptor<ChunkEvent> disruptor;
    private final RingBuffer<ChunkEvent> buffer;

    private Ring(Disruptor<ChunkEvent> disruptor, RingBuffer<ChunkEvent> buffer) {
        this.disruptor = disruptor;
        this.buffer = buffer;
    }

    /** Builds the ring, hands it to its consumers and starts them; {@code inputs} in stream order. */
    static Ring start(PipelineConfig.Settings s, Aligner aligner, List<ChunkListener> chunks, List<StreamInfo> inputs,
                      PipelineMetrics metrics, Consumer<String> log) {
        Disruptor<ChunkEvent> disruptor = new Disruptor<>(() -> new ChunkEvent(s.chunkValues(), ChunkEvent.TEXT_VALUES),
                s.ringSize(), r -> {
                    Thread t = new Thread(r, "frisson-aligner");
                    t.setDaemon(true);
                    // with -XX:ThreadPriorityPolicy=1 (root) the OS schedules it ahead of the I/O threads
                    t.setPriority(Thread.MAX_PRIORITY);
                    return t;
                }, ProducerType.MULTI, s.ringWait().strategy());
        List<EventHandler<ChunkEvent>> consumers = new ArrayList<>();
        consumers.add(aligner);
        for (ChunkListener l : chunks) {
            consumers.add(new ChunkListenerHandler(l, List.copyOf(inputs)));
        }
        @SuppressWarnings("unchecked")
        EventHandler<ChunkEvent>[] all = consumers.toArray(new EventHandler[0]);
        disruptor.setDefaultExceptionHandler(new RingExceptionLog(log, metrics.ringFailures()));
        disruptor.handleEventsWith(all);
        RingBuffer<ChunkEvent> buffer = disruptor.start();
        metrics.gauge("frisson.ring.free", buffer::remainingCapacity, "free slots in the ring buffer");
        return new Ring(disruptor, buffer);
    }

    /** Where producers claim and publish slots. */
    RingBuffer<ChunkEvent> buffer() {
        return buffer;
    }

    /** Lets the consumers process what is in the ring (at most {@value #SHUTDOWN_SECONDS} s), then stops them. */
    @Override
    public void close() {
        try {
            disruptor.shutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
    }

    /** Runs a {@link ChunkListener} as its own consumer of the ring. */
    private record ChunkListenerHandler(ChunkListener listener, List<StreamInfo> inputs)
            implements EventHandler<ChunkEvent> {
        @Override
        public void onStart() {
            listener.start(inputs);
        }

        @Override
        public void onEvent(ChunkEvent e, long sequence, boolean endOfBatch) {
            if (e.stream >= 0 && e.samples > 0) {
                listener.chunk(e.stream, e.samples, e.stamps, e.values, e.texts, e.offset);
            }
        }

        @Override
        public void onShutdown() {
            listener.end();
        }
    }
}
