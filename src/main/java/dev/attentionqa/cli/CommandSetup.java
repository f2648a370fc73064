package dev.attentionqa.cli;

import java.util.Set;

/**
 * Settings decided by the command before the application starts: only {@code serve} consumes requests at start-up
 * and only {@code serve}, {@code send} and {@code bench e2e} talk to Kafka, so {@code ask}, {@code eval} and the
 * other benchmarks run without a broker. Explicit system properties win.
 */
final class CommandSetup {

    private static final Set<String> OFFLINE = Set.of("ask", "eval", "bench", "train");

    private CommandSetup() {
    }

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    static void apply(String... args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "serve" : args[0];
        if (java.util.Arrays.stream(args).anyMatch(HELP::contains)) {
            command = "help"; // prints and exits: no model, no Kafka, no HTTP
        }
        if (command.equals("bench") && args.length > 1 && args[1].equals("e2e")) {
            // bench e2e talks to a broker and starts the worker itself, on topics of its own, so that no earlier
            // records get in the way.
            String run = "bench-e2e-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            setDefault("qa.topics.requests", run + ".requests");
            setDefault("qa.topics.answers", run + ".answers");
            setDefault("qa.topics.dead-letters", run + ".dlq");
            setDefault("qa.consumer.group-id", run);
            // Its consumer joins the group at start-up but takes nothing until the backlog is written.
            setDefault("qa.consumer.enabled", "true");
            setDefault("mp.messaging.incoming.requests.pausable.initially-paused", "true");
        }
        if (!command.equals("serve")) {
            setDefault("qa.consumer.enabled", "false");
            setDefault("quarkus.http.host-enabled", "false");
            setDefault("quarkus.management.host-enabled", "false"); // `send` beside a running `serve` must not clash
        }
        if (OFFLINE.contains(command) || command.equals("help")) {
            setDefault("mp.messaging.outgoing.page-requests.enabled", "false");
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
