package dev.attentionqa.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node KRaft broker as a separate process, started and stopped with {@code src/main/scripts/local-broker.sh}
 * on a port of its own (data in {@code target/local-broker/<port>/}, which survives a kill: a restart on the same port
 * reuses it; deleted on close). {@link #kill()} is a kill -9 of the broker JVM, without the script.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Path SCRIPT = Path.of("src", "main", "scripts", "local-broker.sh");
    private static final Duration SCRIPT_BOUND = Duration.ofMinutes(5);

    private final int port = freePortPair();
    private final Path log;

    BrokerProcess() throws IOException {
        log = Files.createTempFile("broker-" + port + "-", ".log");
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** {@code local-broker.sh start}: formats the data directory the first time, waits for the broker, creates {@code topics}. */
    void start(String topics) throws Exception {
        script("start", topics);
    }

    /** kill -9 of the broker JVM (its pid from the script's pid file); waits until it is gone. */
    void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(home().resolve("broker.pid")).trim());
        ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("broker " + pid + " is not running"));
        broker.destroyForcibly();
        broker.onExit().get(30, TimeUnit.SECONDS);
    }

    private Path home() {
        return Path.of("target", "local-broker", String.valueOf(port));
    }

    private void script(String command, String topics) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LOCAL_KAFKA_PORT", String.valueOf(port));
        builder.environment().put("LOCAL_KAFKA_TOPICS", topics);
        Process p = builder.start();
        if (!p.waitFor(SCRIPT_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("local-broker.sh " + command + " did not finish in " + SCRIPT_BOUND + ":\n" + output());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("local-broker.sh " + command + " exited with " + p.exitValue() + ":\n" + output());
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** {@code local-broker.sh stop} (TERM, KILL after 30 s), then deletes this port's directory (data, logs). */
    @Override
    public void close() throws Exception {
        script("stop", "");
        if (!Files.isDirectory(home())) {
            return;
        }
        try (Stream<Path> files = Files.walk(home())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    // The controller listens on port + 1 (the script's default), so both must be free.
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(a.getLocalPort() + 1)) {
                return a.getLocalPort();
            } catch (IOException e) {
                // port + 1 taken: try another
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }
}
