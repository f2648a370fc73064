package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaTlsEnv;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built worker and {@code send} on TLS brokers, configured only through the KAFKA_* environment variables the
 * Helm chart sets from its Secrets ({@code kafka.tls.*}, {@code kafka.sasl.*}): SSL, mutual TLS and SASL_SSL
 * (SCRAM-SHA-512) answer a request. A truststore without the broker's CA, an expired broker certificate, one for
 * another host, and a client certificate the broker does not trust each end the worker with status 1 and the
 * client's own TLS error in its log; it is never ready, and no password is printed.
 */
class KafkaTlsIT {

    private static final String USER = "qa-worker";
    private static final String SCRAM_PASSWORD = "s3cret-Tls-Scram";
    private static TlsMaterial tls;
    private static TlsBroker ssl;
    private static TlsBroker mutual;
    private static TlsBroker saslSsl;

    @BeforeAll
    static void startBrokers() throws Exception {
        tls = TlsMaterial.create();
        ssl = new TlsBroker(TlsBroker.Kind.SSL, tls, tls.keystore("broker"));
        mutual = new TlsBroker(TlsBroker.Kind.MUTUAL_TLS, tls, tls.keystore("broker"));
        saslSsl = new TlsBroker(TlsBroker.Kind.SASL_SSL, tls, tls.keystore("broker"));
        saslSsl.addScramUser(USER, SCRAM_PASSWORD);
        for (TlsBroker b : List.of(ssl, mutual, saslSsl)) {
            b.createTopics("tls.requests", "tls.answers", "tls.dlq");
        }
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        for (TlsBroker b : new TlsBroker[] {ssl, mutual, saslSsl}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void answersOverSsl() throws Exception {
        answersOn(ssl, "ssl", env(ssl, "SSL", tls.truststore()));
    }

    @Test
    void answersOverMutualTls() throws Exception {
        Map<String, String> env = env(mutual, "SSL", tls.truststore());
        env.put(KafkaTlsEnv.KEYSTORE, tls.keystore("client").toString());
        env.put(KafkaTlsEnv.KEYSTORE_PASSWORD, TlsMaterial.PASSWORD);
        assertThat(env.keySet()).as("the chart's mutual TLS names (HelmValueSetsTest)").containsAll(KafkaTlsEnv.MUTUAL_TLS);
        answersOn(mutual, "mtls", env);
    }

    @Test
    void answersOverSaslSslWithScram() throws Exception {
        Map<String, String> env = env(saslSsl, "SASL_SSL", tls.truststore());
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + USER + "\" password=\"" + SCRAM_PASSWORD + "\";");
        answersOn(saslSsl, "sasl-ssl", env);
    }

    @Test
    void aTruststoreWithoutTheBrokersCaEndsTheWorker() throws Exception {
        failsWith(env(ssl, "SSL", tls.unknownCaTruststore()), "unable to find valid certification path");
    }

    @Test
    void anExpiredBrokerCertificateEndsTheWorker() throws Exception {
        try (TlsBroker expired = new TlsBroker(TlsBroker.Kind.SSL, tls, tls.keystore("expired-broker"),
                tls.store("expired-broker-trust"))) {
            failsWith(env(expired, "SSL", tls.truststore()), "validity check failed");
        }
    }

    @Test
    void aBrokerCertificateForAnotherHostEndsTheWorker() throws Exception {
        try (TlsBroker wrongHost = new TlsBroker(TlsBroker.Kind.SSL, tls, tls.keystore("wrong-host-broker"))) {
            failsWith(env(wrongHost, "SSL", tls.truststore()), "No subject alternative DNS name matching localhost");
        }
    }

    @Test
    void aClientCertificateTheBrokerDoesNotTrustEndsTheWorker() throws Exception {
        Map<String, String> env = env(mutual, "SSL", tls.truststore());
        env.put(KafkaTlsEnv.KEYSTORE, tls.keystore("stranger-client").toString());
        env.put(KafkaTlsEnv.KEYSTORE_PASSWORD, TlsMaterial.PASSWORD);
        failsWith(env, "Received fatal alert: bad_certificate");
    }

    private static void answersOn(TlsBroker broker, String name, Map<String, String> env) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start("tls-" + name, env)) {
            worker.awaitReady(Duration.ofSeconds(120));
            String id = "tls-" + name + "-1";
            try (var producer = new KafkaProducer<>(broker.adminProperties(), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("tls.requests", id, "{\"id\":\"" + id + "\",\"question\":"
                        + "\"What helps?\",\"context\":\"Attention helps models focus. Recurrence is slow.\"}")).get();
            }
            assertThat(readAnswer(broker, id, Duration.ofSeconds(60))).as(worker.tail()).contains("\"id\":\"" + id + "\"");
            JarCommand send = JarCommand.run(List.of("send", "--id", id + "-send", "--question", "What helps?",
                    "--context", "Attention helps models focus. Recurrence is slow.", "--json"), env,
                    Duration.ofSeconds(120));
            assertThat(send.exit()).as(send.output()).isZero();
            assertThat(send.output()).contains("\"id\":\"" + id + "-send\"");
            assertThat(worker.output() + send.output()).doesNotContain(TlsMaterial.PASSWORD).doesNotContain(SCRAM_PASSWORD);
        }
    }

    /** The worker exits 1 with {@code error} (the TLS client's own words) in its log, never ready, no password shown. */
    private static void failsWith(Map<String, String> env, String error) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start("tls-bad", env)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            Optional<Integer> exit = Optional.empty();
            while (exit.isEmpty() && System.nanoTime() < deadline) {
                assertThat(worker.isAlive() ? worker.readyStatus() : -1).as("readiness").isNotEqualTo(200);
                exit = worker.awaitExit(Duration.ofMillis(500));
            }
            assertThat(exit).as(worker.tail()).contains(1);
            assertThat(worker.output()).contains(error).doesNotContain(TlsMaterial.PASSWORD);
        }
    }

    private static Map<String, String> env(TlsBroker broker, String protocol, Path truststore) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                KafkaTlsEnv.PROTOCOL, protocol,
                KafkaTlsEnv.TRUSTSTORE, truststore.toString(),
                KafkaTlsEnv.TRUSTSTORE_PASSWORD, TlsMaterial.PASSWORD,
                "QA_TOPIC_REQUESTS", "tls.requests", "QA_TOPIC_ANSWERS", "tls.answers",
                "QA_TOPIC_DEAD_LETTERS", "tls.dlq"));
        env.put("QA_GROUP_ID", "tls-worker-" + System.nanoTime());
        return env;
    }

    private static String readAnswer(TlsBroker broker, String id, Duration timeout) {
        Properties config = broker.adminProperties();
        config.put("group.id", "tls-reader-" + id);
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("tls.answers"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.key())) {
                        return r.value();
                    }
                }
            }
        }
        return "";
    }
}
