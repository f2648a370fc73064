package dev.attentionqa.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variable names the application reads, collected from its own sources of truth. */
final class ApplicationEnv {

    /**
     * Kafka security and OpenTelemetry names agreed with the operations work (issue 8 brief); listed here until
     * application.properties carries them, after which they are found there as well.
     */
    static final Set<String> AGREED = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "KAFKA_SSL_KEYSTORE_LOCATION",
            "KAFKA_SSL_KEYSTORE_PASSWORD", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");

    /**
     * Read by the JVM (JavaCPP cache directory), by DJL (tokenizer native library cache), by glibc (malloc arenas
     * capped: TF's threads otherwise each grow their own, see the soak figure) and by TensorFlow (pooling CPU
     * allocator and oneDNN kernels, see the engine figures), not by Quarkus.
     */
    static final Set<String> NATIVE_LIBRARIES = Set.of("JAVA_TOOL_OPTIONS", "DJL_CACHE_DIR", "MALLOC_ARENA_MAX",
            "TF_CPU_ALLOCATOR_USE_BFC", "TF_ENABLE_ONEDNN_OPTS");

    /** Read by Kubernetes itself: {@code $(POD_NAME)} in the exactly-once transactional id. */
    static final Set<String> KUBERNETES_SUBSTITUTIONS = Set.of("POD_NAME");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern README_ENV = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    private ApplicationEnv() {
    }

    /** ${NAME:default} placeholders of application.properties. */
    static Set<String> fromProperties() throws IOException {
        return matches(PLACEHOLDER, Files.readString(Path.of("src/main/resources/application.properties")));
    }

    /** Names in docs/configuration.md's "## Configuration" section: its table's env column (qa.* by SmallRye's rule). */
    static Set<String> fromConfigurationDoc() throws IOException {
        String readme = Files.readString(Path.of("docs", "configuration.md"));
        int start = readme.indexOf("\n## Configuration");
        if (start < 0) {
            throw new IllegalStateException("docs/configuration.md has no '## Configuration' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        return matches(README_ENV, readme.substring(start, end < 0 ? readme.length() : end));
    }

    static Set<String> all() throws IOException {
        Set<String> names = new TreeSet<>(fromProperties());
        names.addAll(fromConfigurationDoc());
        names.addAll(AGREED);
        names.addAll(NATIVE_LIBRARIES);
        names.addAll(KUBERNETES_SUBSTITUTIONS);
        return names;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
