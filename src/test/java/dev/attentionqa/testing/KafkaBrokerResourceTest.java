package dev.attentionqa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A {@code @QuarkusTest} with {@link KafkaBrokerResource} is configured for the shared test broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaBrokerResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrapServers;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.bootstrap.servers")
    String connectorBootstrapServers;

    @Test
    void pointsKafkaAndTheSmallRyeConnectorAtTheTestBroker() {
        assertThat(kafkaBootstrapServers).isEqualTo(KafkaBroker.bootstrapServers());
        assertThat(connectorBootstrapServers).isEqualTo(KafkaBroker.bootstrapServers());
    }
}
