package dev.attentionqa.it;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built worker on a SASL_PLAINTEXT broker, configured only through the KAFKA_* environment variables the
 * Helm chart sets: SCRAM-SHA-512 with the right password answers; a wrong one fails with Kafka's authentication
 * error and ends the worker with status 1 (the platform restarts it), and the password appears nowhere in the output.
 */
class KafkaSecurityIT {

    private static final String USER = "qa-worker";
    private static final String PASSWORD = "s3cret-Scram-pw";
    private static SaslBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new SaslBroker();
        broker.addScramUser(USER, PASSWORD);
        broker.createTopics("sasl.requests", "sasl.answers", "sasl.dlq");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void answersWithTheRightScramCredentials() throws Exception {
        try (WorkerProcess worker = WorkerProcess.start("sasl-ok", env(PASSWORD))) {
            worker.awaitReady(Duration.ofSeconds(120));
            String id = "sasl-1";
            try (var producer = new KafkaProducer<>(broker.adminProperties(), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("sasl.requests", id, "{\"id\":\"" + id + "\",\"question\":\"What helps?\","
                        + "\"context\":\"Attention helps models focus. Recurrence is slow.\"}")).get();
            }
            assertThat(readOne("sasl.answers", Duration.ofSeconds(60))).contains("\"id\":\"" + id + "\"");
            assertThat(worker.output()).doesNotContain(PASSWORD);

            // send (helm test) with the same environment: its answer comes back over SASL
            JarCommand send = JarCommand.run(List.of("send", "--id", "sasl-send", "--question", "What helps?",
                    "--context", "Attention helps models focus. Recurrence is slow.", "--json"), env(PASSWORD),
                    Duration.ofSeconds(120));
            assertThat(send.exit()).as(send.output()).isZero();
            assertThat(send.output()).contains("\"id\":\"sasl-send\"").doesNotContain(PASSWORD);
        }
    }

    @Test
    void sendFailsWithKafkasAuthenticationErrorOnAWrongPassword() throws Exception {
        String wrong = "wrong-Send-Password-9";
        JarCommand send = JarCommand.run(List.of("send", "--question", "What helps?", "--context", "Attention helps.",
                "--timeout", "20"), env(wrong), Duration.ofSeconds(120));
        assertThat(send.exit()).as(send.output()).isEqualTo(1);
        assertThat(send.output()).contains("Authentication failed during authentication due to invalid credentials"
                + " with SASL mechanism SCRAM-SHA-512").doesNotContain(wrong);
    }

    @Test
    void failsClearlyWithAWrongPasswordAndNeverLogsIt() throws Exception {
        String wrong = "wrong-Password-123";
        try (WorkerProcess worker = WorkerProcess.start("sasl-wrong", env(wrong))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!worker.output().contains("Authentication failed") && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(worker.output()).as(worker.tail())
                    .contains("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");
            // a fatal error of the request loop ends the process with status 1, so the platform restarts it; it was
            // never ready (the old check, "readiness is not 200", also passed on a dead process: -1)
            assertThat(worker.awaitExit(Duration.ofSeconds(60))).as(worker.tail()).contains(1);
            assertThat(worker.output()).doesNotContain(wrong);
        }
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";",
                "QA_TOPIC_REQUESTS", "sasl.requests", "QA_TOPIC_ANSWERS", "sasl.answers",
                "QA_TOPIC_DEAD_LETTERS", "sasl.dlq"));
        env.put("QA_GROUP_ID", "sasl-worker-" + password.hashCode());
        return env;
    }

    private static String readOne(String topic, Duration timeout) {
        Properties config = broker.adminProperties();
        config.put("group.id", "sasl-reader");
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    return r.value();
                }
            }
        }
        return "";
    }
}
