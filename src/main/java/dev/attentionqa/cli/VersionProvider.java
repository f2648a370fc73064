package dev.attentionqa.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} of every command: the application version Quarkus records at build time (the pom's). */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class)
                .orElse("unknown");
        return new String[] {"attention-qa-worker " + version, "TensorFlow Java 1.1.0, Kafka clients 4.1.2, Quarkus 3.33.2"};
    }
}
