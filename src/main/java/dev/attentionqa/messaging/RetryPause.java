package dev.attentionqa.messaging;

import java.time.Duration;

/** The one pause the request loop takes before retrying what the broker could not do (deliver, tell offsets). */
final class RetryPause {

    static final Duration LENGTH = Duration.ofSeconds(1);

    private RetryPause() {
    }

    /** Sleeps {@link #LENGTH}; an interrupt ends it early and stays set for the loop to see. */
    static void take() {
        try {
            Thread.sleep(LENGTH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
