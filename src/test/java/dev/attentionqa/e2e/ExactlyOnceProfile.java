package dev.attentionqa.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The worker in exactly-once mode, on topics and a group of its own so other tests' records stay out. */
public class ExactlyOnceProfile implements QuarkusTestProfile {

    static final String REQUESTS = "eos.requests";
    static final String ANSWERS = "eos.answers";
    static final String DEAD_LETTERS = "eos.dlq";
    static final String GROUP = "eos-worker";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("qa.delivery.mode", "exactly-once", "qa.delivery.transactional-id", "e2e-eos",
                "qa.topics.requests", REQUESTS, "qa.topics.answers", ANSWERS, "qa.topics.dead-letters", DEAD_LETTERS,
                "qa.consumer.group-id", GROUP);
    }
}
