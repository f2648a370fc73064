package dev.attentionqa.it;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

/**
 * A single KRaft node whose client listener is SASL_PLAINTEXT with PLAIN (the kit's admin) and SCRAM-SHA-512
 * (users added through {@code Admin.alterUserScramCredentials}); no ACLs, so any authenticated user may work.
 */
final class SaslBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    SaslBroker() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(Files.createTempDirectory("kafka-sasl-test"))
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerListenerName(ListenerName.normalised("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map.of("offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1", "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512",
                "allow.everyone.if.no.acl.found", "true",
                "listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;").forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client settings of the kit's PLAIN super user. */
    Properties adminProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + JaasUtils.KAFKA_PLAIN_ADMIN + "\" password=\"" + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD + "\";");
        return p;
    }

    void addScramUser(String user, String password) throws Exception {
        ScramAdmin.addUser(adminProperties(), user, password);
    }

    void createTopics(String... topics) throws Exception {
        ScramAdmin.createTopics(adminProperties(), topics);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
