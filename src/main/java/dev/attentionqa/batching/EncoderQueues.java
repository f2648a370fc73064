package dev.attentionqa.batching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@link EncoderQueue} per model the worker answers with (span, sentence). A request learns its mode only once
 * parsed, so a micro-batch registers each request with every queue; a queue whose registered requests are busy
 * elsewhere flushes after its {@code maxDelay} at the latest.
 */
public final class EncoderQueues implements AutoCloseable {

    private final Map<String, EncoderQueue> queues;

    public EncoderQueues(Map<String, EncoderQueue> queues) {
        this.queues = new LinkedHashMap<>(queues);
    }

    public EncoderQueue get(String mode) {
        EncoderQueue queue = queues.get(mode);
        if (queue == null) {
            throw new IllegalArgumentException("no encoder queue for mode " + mode + " (got " + queues.keySet() + ")");
        }
        return queue;
    }

    /** Registers the calling request with every queue; closing the result ends all of them. */
    public EncoderQueue.Registration enter() {
        List<EncoderQueue.Registration> all = new ArrayList<>(queues.size());
        queues.values().forEach(q -> all.add(q.enter()));
        return () -> all.forEach(EncoderQueue.Registration::close);
    }

    /** The first queue failure, as "mode: cause", if a queue stopped serving calls. */
    public Optional<String> failure() {
        return queues.entrySet().stream()
                .flatMap(q -> q.getValue().failure().map(f -> q.getKey() + ": " + f).stream())
                .findFirst();
    }

    @Override
    public void close() {
        queues.values().forEach(EncoderQueue::close);
    }
}
