package dev.attentionqa.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates test topics with a chosen partition count through the Admin client. */
public final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {
    }

    /** Creates the topic on the shared broker, or checks that an existing one has this many partitions. */
    public static void create(String topic, int partitions) {
        create(KafkaBroker.bootstrapServers(), topic, partitions);
    }

    /** Creates the topic on the given broker (replication factor 1), or checks an existing one. */
    public static void create(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                requirePartitions(admin, topic, partitions);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + topic + " on " + bootstrapServers, e);
        }
    }

    // Reusing a topic across tests is fine, reusing it with another partition count is a test bug.
    private static void requirePartitions(Admin admin, String topic, int partitions) throws Exception {
        TopicDescription existing = admin.describeTopics(List.of(topic))
                .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        int actual = existing.partitions().size();
        if (actual != partitions) {
            throw new IllegalStateException(
                    "topic " + topic + " exists with " + actual + " partitions (wanted " + partitions + ")");
        }
    }
}
