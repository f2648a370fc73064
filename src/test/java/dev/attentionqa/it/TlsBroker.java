package dev.attentionqa.it;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A single KRaft node in the test JVM whose client listener speaks TLS with {@code keystore} as its certificate:
 * {@link Kind#SSL}, {@link Kind#MUTUAL_TLS} ({@code ssl.client.auth=required}, clients signed by the test CA) or
 * {@link Kind#SASL_SSL} (SCRAM-SHA-512 users, and PLAIN for this class's own admin). No ACLs.
 */
final class TlsBroker implements AutoCloseable {

    enum Kind { SSL, MUTUAL_TLS, SASL_SSL }

    static final String ADMIN = "tls-admin";
    static final String ADMIN_PASSWORD = "tls-Admin-pw-5";

    private final Kind kind;
    private final TlsMaterial tls;
    private final KafkaClusterTestKit cluster;

    TlsBroker(Kind kind, TlsMaterial tls, Path keystore) throws Exception {
        this(kind, tls, keystore, tls.truststore());
    }

    /** As above, with {@code truststore} as the broker's own (what it checks client and its own certificates with). */
    TlsBroker(Kind kind, TlsMaterial tls, Path keystore, Path truststore) throws Exception {
        this.kind = kind;
        this.tls = tls;
        // the kit builds PLAINTEXT and SASL_PLAINTEXT listeners only; the protocol map below makes EXTERNAL a TLS one
        String protocol = kind == Kind.SASL_SSL ? "SASL_SSL" : "SSL";
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(Files.createTempDirectory("kafka-tls-test"))
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerListenerName(ListenerName.normalised("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.PLAINTEXT)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map<String, String> props = new HashMap<>(Map.of("offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1", "group.initial.rebalance.delay.ms", "0"));
        props.put("listener.security.protocol.map", "EXTERNAL:" + protocol + ",CONTROLLER:PLAINTEXT");
        String l = "listener.name.external.";
        props.put(l + "ssl.keystore.location", keystore.toString());
        props.put(l + "ssl.keystore.password", TlsMaterial.PASSWORD);
        props.put(l + "ssl.key.password", TlsMaterial.PASSWORD);
        props.put(l + "ssl.truststore.location", truststore.toString());
        props.put(l + "ssl.truststore.password", TlsMaterial.PASSWORD);
        // the node talks to itself over this listener too: it must not check its own (possibly bad) certificate
        props.put(l + "ssl.endpoint.identification.algorithm", "");
        if (kind == Kind.MUTUAL_TLS) {
            props.put(l + "ssl.client.auth", "required");
        }
        if (kind == Kind.SASL_SSL) {
            props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            props.put(l + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"" + ADMIN + "\" password=\"" + ADMIN_PASSWORD + "\" user_" + ADMIN + "=\""
                    + ADMIN_PASSWORD + "\";");
            props.put(l + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required;");
        }
        props.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Settings of a client this test trusts: the test CA, the client certificate (mutual TLS), the PLAIN admin. */
    Properties adminProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", cluster.bootstrapServers());
        p.put("security.protocol", kind == Kind.SASL_SSL ? "SASL_SSL" : "SSL");
        p.put("ssl.truststore.location", tls.truststore().toString());
        p.put("ssl.truststore.password", TlsMaterial.PASSWORD);
        p.put("ssl.endpoint.identification.algorithm", "");
        if (kind == Kind.MUTUAL_TLS) {
            p.put("ssl.keystore.location", tls.keystore("client").toString());
            p.put("ssl.keystore.password", TlsMaterial.PASSWORD);
        }
        if (kind == Kind.SASL_SSL) {
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + ADMIN + "\" password=\"" + ADMIN_PASSWORD + "\";");
        }
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
