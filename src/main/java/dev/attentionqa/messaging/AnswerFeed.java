package dev.attentionqa.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The latest answers this worker published, and listeners told of each new one (the page's live feed). */
@ApplicationScoped
public class AnswerFeed {

    /** Answers kept for a page that opens later. */
    static final int KEPT = 20;

    private final ArrayDeque<String> latest = new ArrayDeque<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Called once the broker acknowledged an answer's JSON. */
    void published(String json) {
        synchronized (latest) {
            latest.addLast(json);
            if (latest.size() > KEPT) {
                latest.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(json));
    }

    /** The kept answers, oldest first. */
    public List<String> latest() {
        synchronized (latest) {
            return List.copyOf(latest);
        }
    }

    /** Tells {@code listener} of every later answer; returns what removes it again. */
    public Runnable subscribe(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
