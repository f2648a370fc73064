package dev.attentionqa.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar's command line as a user meets it: {@code --help} and {@code --version} on every command print and
 * exit 0 without loading a model or touching Kafka; usage errors and refused requests have their own exit codes.
 */
class CommandLineIT {

    /** Logged by ModelRuntime once a model is loaded. */
    private static final String MODEL_LOADED = "loaded on";

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"", "serve", "ask", "send", "eval", "train", "bench", "bench engine", "bench soak", "bench e2e"})
    void helpPrintsUsageAndLoadsNothing(String command) throws Exception {
        JarCommand run = run(command + " --help");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Usage: attention-qa-worker" + (command.isEmpty() ? "" : " " + command));
        assertThat(run.output()).doesNotContain(MODEL_LOADED).doesNotContain("Kafka version");
        System.out.printf("%s --help: %.1f s%n", command.isEmpty() ? "(top)" : command, run.seconds());
    }

    @Test
    void versionNamesTheRelease() throws Exception {
        JarCommand run = run("ask --version");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("attention-qa-worker 0.1.0").doesNotContain(MODEL_LOADED);
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        JarCommand run = run("ask --question Why? --context Because. --frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void topLevelHelpListsTheExitCodes() throws Exception {
        JarCommand run = run("--help");
        assertThat(run.output()).contains("Exit codes:", "3   request refused", "4   no answer within the timeout");
    }

    @Test
    void aRefusedAskExitsWithThree() throws Exception {
        JarCommand run = run("ask --question Why? --context Because. --top-k 0");
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("refused: out-of-range: field 'options.topK'");
    }

    private static JarCommand run(String args) throws Exception {
        // nothing listens on port 1: no command here may need Kafka
        return JarCommand.run(List.of(args.trim().split(" +")), Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                Duration.ofSeconds(120));
    }
}
