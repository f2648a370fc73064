package dev.attentionqa.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The built worker ({@code target/quarkus-app/quarkus-run.jar serve}) as a separate JVM, its output in a file. */
final class WorkerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path log;
    private final int port;

    private WorkerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code serve} with these environment variables added (HTTP and management on free ports). */
    static WorkerProcess start(String name, Map<String, String> env) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " missing: run the integration tests with ./mvnw verify");
        }
        int port = freePort();
        Path log = Files.createTempFile("worker-" + name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port)); // health and metrics
        return new WorkerProcess(builder.start(), log, port);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the process dies or times out. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + ":\n" + tail());
            }
            if (readyStatus() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("worker not ready after " + timeout + ":\n" + tail());
    }

    /** HTTP status of {@code /q/health/ready}, or -1 when nothing listens yet. */
    int readyStatus() throws InterruptedException {
        return managementStatus("/q/health/ready");
    }

    /** The body of a path on the management port, or "" when nothing listens (or it does not answer in 5 s). */
    String managementBody(String path) throws InterruptedException {
        HttpResponse<String> r = management(path);
        return r == null ? "" : r.body();
    }

    /** HTTP status of a path on the management port, or -1 when nothing listens (or it does not answer in 5 s). */
    int managementStatus(String path) throws InterruptedException {
        HttpResponse<String> r = management(path);
        return r == null ? -1 : r.statusCode();
    }

    /** GET of a path on the management port; null when nothing listens or it does not answer in 5 s. */
    private HttpResponse<String> management(String path) throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    /** The sum of every series of a Prometheus metric (all label sets), read from {@code /q/metrics}. */
    double metric(String name) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Sends SIGTERM ({@link Process#destroy}) and waits for the exit; empty when it did not exit in time. */
    Integer terminate(Duration bound) throws InterruptedException {
        process.destroy();
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** SIGKILL ({@link Process#destroyForcibly}): no shutdown hook, no drain, no commit; waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** The exit status once the process ends on its own within {@code bound}; empty while it still runs. */
    Optional<Integer> awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Throws with the log's tail when the worker has exited (it must never exit on its own). */
    void requireAlive() {
        if (!process.isAlive()) {
            try {
                throw new AssertionError("worker " + process.pid() + " exited with " + process.exitValue() + ":\n" + tail());
            } catch (IOException e) {
                throw new AssertionError("worker " + process.pid() + " exited with " + process.exitValue(), e);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Requests this worker answered and delivered ({@code qa_requests_total{outcome="answered"}}); -1 when unreachable. */
    long answered() throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build();
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith("qa_requests_total{") && l.contains("outcome=\"answered\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Everything the worker printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
        String all = output();
        return all.substring(Math.max(0, all.length() - 6000));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
