package dev.attentionqa.testing;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Files;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** One real KRaft broker per test JVM, or the broker named by {@code KAFKA_BOOTSTRAP_SERVERS}. */
public final class KafkaBroker {

    /** Set this to test against a broker that is already running; then nothing is started. */
    public static final String EXTERNAL_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    // The test kit defaults internal topics to replication factor 3: with one node consumers
    // would then wait forever for __consumer_offsets, so every internal topic gets factor 1.
    static final Map<String, String> SINGLE_NODE_CONFIG = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "5",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "true");

    // Quarkus loads test classes (and this one) in several class loaders, so a static field alone
    // would start one broker per loader. The address lives in a system property, which all loaders
    // share, and starting is serialised on an interned string literal, also one object per JVM.
    private static final String ADDRESS_PROPERTY = "dev.attentionqa.testing.kafka-broker";
    private static final String START_LOCK = "dev.attentionqa.testing.KafkaBroker.start";

    private KafkaBroker() {
    }

    /** Bootstrap address of the shared broker, started on the first call in this JVM. */
    public static String bootstrapServers() {
        String external = System.getenv(EXTERNAL_ENV);
        if (external != null && !external.isBlank()) {
            return external;
        }
        synchronized (START_LOCK) {
            String address = System.getProperty(ADDRESS_PROPERTY);
            if (address == null) {
                address = startEmbedded();
                System.setProperty(ADDRESS_PROPERTY, address);
            }
            return address;
        }
    }

    /** A new {@link KafkaCompanion} on the shared broker; the caller closes it. */
    public static KafkaCompanion companion() {
        return new KafkaCompanion(bootstrapServers());
    }

    private static String startEmbedded() {
        long started = System.nanoTime();
        try {
            // Our own directory: the kit's default one is also deleted by a JVM shutdown hook of its
            // own, which races the broker's close and logs a storm of IO errors.
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(Files.createTempDirectory("kafka-broker-test"))
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(cluster), "kafka-broker-shutdown"));
            System.out.printf("KafkaBroker: KRaft broker ready at %s in %d ms%n",
                    cluster.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded KRaft broker", e);
        }
    }

    private static void close(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting: report, because there is nobody left to rethrow to.
            System.err.println("KafkaBroker: shutdown failed: " + e);
        }
    }
}
