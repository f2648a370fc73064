package dev.attentionqa.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One command of the built jar ({@code java -jar quarkus-run.jar ARGS}) run to its end as a user would. */
record JarCommand(int exit, String output, double seconds) {

    static JarCommand run(List<String> args, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-jar", WorkerProcess.JAR.toString()));
        command.addAll(args);
        Path log = Files.createTempFile("jar-command-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(args + " did not exit within " + timeout + ": " + Files.readString(log));
            }
            return new JarCommand(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                    (System.nanoTime() - started) / 1e9);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
