package dev.attentionqa.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfiles parse into known instructions, run as a non-root user with the JavaCPP cache set, and copy the
 * Quarkus fast-jar layout. No Docker engine here: nothing is built; the layout is checked on disk after a package.
 */
public class DockerfilesTest {

    static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
            "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    public static final List<String> FAST_JAR = List.of("target/quarkus-app/lib/", "target/quarkus-app/quarkus-run.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    /** One instruction with its continuation lines joined. */
    record Instruction(String keyword, String args) {
    }

    static List<Instruction> parse(Path file) throws Exception {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            current.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) + " " : trimmed);
            if (!trimmed.endsWith("\\")) {
                String[] parts = current.toString().split("\\s+", 2);
                out.add(new Instruction(parts[0], parts.length > 1 ? parts[1].strip() : ""));
                current.setLength(0);
            }
        }
        assertThat(current).as("%s ends inside a continued line", file).isEmpty();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void parsesIntoKnownInstructionsStartingFromABase(String name) throws Exception {
        List<Instruction> instructions = parse(Path.of("src/main/docker", name));
        assertThat(instructions).extracting(Instruction::keyword).allSatisfy(k -> assertThat(INSTRUCTIONS).contains(k));
        assertThat(instructions.get(0).keyword()).isIn("FROM", "ARG");
        assertThat(instructions).filteredOn(i -> i.keyword().equals("FROM")).hasSize(1);
        assertThat(instructions).filteredOn(i -> i.keyword().equals("ENTRYPOINT")).singleElement()
                .extracting(Instruction::args).isEqualTo("[\"java\", \"-jar\", \"/deployments/quarkus-run.jar\"]");
        assertThat(instructions).filteredOn(i -> i.keyword().equals("EXPOSE")).singleElement().extracting(Instruction::args).isEqualTo("8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void runsAsANonRootUserWithTheJavaCppCacheSet(String name) throws Exception {
        List<Instruction> instructions = parse(Path.of("src/main/docker", name));
        Instruction user = instructions.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow();
        assertThat(user.args()).isEqualTo("10001:10001");
        assertThat(instructions.indexOf(user)).as("USER comes after every RUN").isGreaterThan(
                instructions.stream().filter(i -> i.keyword().equals("RUN")).mapToInt(instructions::indexOf).max().orElse(-1));
        String env = instructions.stream().filter(i -> i.keyword().equals("ENV")).map(Instruction::args).reduce("", String::concat);
        assertThat(env).contains("-Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp", "DJL_CACHE_DIR=/var/cache/djl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.gpu"})
    void copiesExactlyTheQuarkusFastJarLayout(String name) throws Exception {
        List<String> sources = parse(Path.of("src/main/docker", name)).stream().filter(i -> i.keyword().equals("COPY"))
                .map(i -> i.args().split("\\s+")[0]).toList();
        assertThat(sources).containsExactlyElementsOf(FAST_JAR);
        assertThat(Files.readString(Path.of("src/main/docker", name + ".dockerignore"))).contains("!target/quarkus-app/");
        // That these paths exist after `package` is checked by dev.attentionqa.it.DockerfileLayoutIT.
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.gpu"})
    void gpuImageStartsFromACuda12CudnnRuntimeAndNamesTheGpuClassifier(String name) throws Exception {
        String from = parse(Path.of("src/main/docker", name)).get(0).args();
        assertThat(from).matches("nvidia/cuda:12\\.[0-9.]+-cudnn-runtime-ubuntu[0-9.]+");
        assertThat(Files.readString(Path.of("src/main/docker", name))).contains("-Pgpu");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<id>gpu</id>", "<tensorflow.native.classifier>linux-x86_64-gpu</tensorflow.native.classifier>");
    }
}
