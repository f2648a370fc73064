package dev.attentionqa.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.SafetensorsReader;
import dev.attentionqa.model.SafetensorsWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's checkpoints in one directory: {@code step-N/} holds {@code parameters.safetensors},
 * {@code moments.safetensors} and {@code state.json}; the file {@code latest} names the newest complete one. Each is
 * written under a temporary name and renamed, and {@code latest} is replaced atomically, so a run killed while saving
 * resumes from the previous checkpoint.
 */
public final class TrainingCheckpoint {

    public static final String LATEST = "latest";
    static final String PARAMETERS = "parameters.safetensors";
    static final String MOMENTS = "moments.safetensors";
    static final String STATE = "state.json";

    /** What a checkpoint holds. */
    public record Saved(TrainingState state, Map<String, ArrayTensor> parameters, Map<String, ArrayTensor> moments) {
    }

    private final Path directory;
    private final ObjectMapper json;

    public TrainingCheckpoint(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    /** Writes a checkpoint and points {@code latest} at it; older ones are removed. */
    public Path save(Saved saved) throws IOException {
        Files.createDirectories(directory);
        String name = "step-" + saved.state().completedSteps();
        Path tmp = directory.resolve(name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        SafetensorsWriter.write(tmp.resolve(PARAMETERS), saved.parameters());
        SafetensorsWriter.write(tmp.resolve(MOMENTS), saved.moments());
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(STATE).toFile(), saved.state());
        Path target = directory.resolve(name);
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        Path latestTmp = directory.resolve(LATEST + ".tmp");
        Files.writeString(latestTmp, name + "\n", StandardCharsets.UTF_8);
        Files.move(latestTmp, directory.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> old = Files.list(directory)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("step-") && !p.equals(target)).toList()) {
                deleteTree(p);
            }
        }
        return target;
    }

    /** Whether a complete checkpoint exists. */
    public boolean exists() {
        return Files.isRegularFile(directory.resolve(LATEST));
    }

    /** The newest complete checkpoint. */
    public Saved load() throws IOException {
        if (!exists()) {
            throw new IOException("no checkpoint to resume from (got no " + directory.resolve(LATEST) + ")");
        }
        Path dir = directory.resolve(Files.readString(directory.resolve(LATEST), StandardCharsets.UTF_8).trim());
        return new Saved(json.readValue(dir.resolve(STATE).toFile(), TrainingState.class),
                SafetensorsReader.readAll(dir.resolve(PARAMETERS)), SafetensorsReader.readAll(dir.resolve(MOMENTS)));
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
