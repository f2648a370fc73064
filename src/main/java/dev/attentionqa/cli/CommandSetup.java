package dev.attentionqa.cli;

import java.util.Set;

/**
 * Settings decided by the command before the application starts: only {@code serve} consumes requests and
 * only {@code serve} and {@code send} talk to Kafka, so {@code ask}, {@code eval} and {@code bench} run
 * without a broker. Explicit system properties win.
 */
final class CommandSetup {

    private static final Set<String> OFFLINE = Set.of("ask", "eval", "bench");

    private CommandSetup() {
    }

    static void apply(String... args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        if (!command.equals("serve")) {
            setDefault("qa.consumer.enabled", "false");
            setDefault("quarkus.http.host-enabled", "false");
        }
        if (OFFLINE.contains(command)) {
            setDefault("mp.messaging.outgoing.page-requests.enabled", "false");
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
