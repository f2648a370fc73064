package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaTopics;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One test run's own topics and consumer group on the shared broker, and the worker environment that uses them. */
record RunTopics(String run, String bootstrap, String requests, String answers, String deadLetters, String group) {

    /** Creates {@code <prefix>.<run>.requests} and {@code .answers} with {@code partitions}, {@code .dlq} with one. */
    static RunTopics create(String prefix, int partitions) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String base = prefix + "." + run;
        RunTopics t = new RunTopics(run, KafkaBroker.bootstrapServers(), base + ".requests", base + ".answers",
                base + ".dlq", prefix + "-" + run);
        KafkaTopics.create(t.bootstrap, t.requests, partitions);
        KafkaTopics.create(t.bootstrap, t.answers, partitions);
        KafkaTopics.create(t.bootstrap, t.deadLetters, 1);
        return t;
    }

    /** The worker's environment (a mutable copy: tests add their settings). */
    Map<String, String> workerEnv() {
        return new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QA_TOPIC_REQUESTS", requests,
                "QA_TOPIC_ANSWERS", answers, "QA_TOPIC_DEAD_LETTERS", deadLetters, "QA_GROUP_ID", group));
    }
}
