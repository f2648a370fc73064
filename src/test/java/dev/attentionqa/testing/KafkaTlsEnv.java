package dev.attentionqa.testing;

import java.util.List;

/**
 * The environment a TLS deployment gives the worker: the names the Helm chart sets from its Secrets
 * ({@code kafka.tls.*}) and that {@code KafkaTlsIT} sets when it runs the worker against a TLS broker, so that a chart
 * test can check the two agree.
 */
public final class KafkaTlsEnv {

    public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String TRUSTSTORE = "KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_PASSWORD = "KAFKA_SSL_TRUSTSTORE_PASSWORD";
    public static final String KEYSTORE = "KAFKA_SSL_KEYSTORE_LOCATION";
    public static final String KEYSTORE_PASSWORD = "KAFKA_SSL_KEYSTORE_PASSWORD";

    /** What mutual TLS sets: protocol, truststore and client keystore with their passwords. */
    public static final List<String> MUTUAL_TLS = List.of(PROTOCOL, TRUSTSTORE, TRUSTSTORE_PASSWORD, KEYSTORE,
            KEYSTORE_PASSWORD);

    private KafkaTlsEnv() {
    }
}
