package dev.attentionqa.runtime;

import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.HfModelDirectory;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.ModelInfo;
import dev.attentionqa.ops.WorkerMetrics;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/** Owns the loaded encoder and its tokenizer for the life of the application, and closes them at shutdown. */
@ApplicationScoped
public class ModelRuntime {

    private static final Logger LOG = Logger.getLogger(ModelRuntime.class);

    private final Encoder encoder;
    private final WordPieceTokenizer tokenizer;
    private final ModelInfo info;
    private final EngineOptions engineOptions;

    @Inject
    public ModelRuntime(WorkerConfig config, WorkerMetrics metrics) {
        ConfigCheck.validate(config);
        long started = System.nanoTime();
        LoadedModel model;
        if (config.model().dir().isPresent()) {
            Path dir = config.model().dir().get();
            model = HfModelDirectory.load(dir);
            tokenizer = WordPieceTokenizer.fromFile(dir.resolve("tokenizer.json"));
            info = new ModelInfo(config.model().name().equals(WorkerConfig.DEFAULT_MODEL_NAME)
                    ? dir.getFileName().toString() : config.model().name(), config.model().revision());
        } else {
            model = DefaultModel.load();
            tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
            info = new ModelInfo(config.model().name(), config.model().revision());
        }
        var e = config.engine();
        var engine = new EngineOptions(e.intraOpThreads(), e.interOpThreads(), e.lanes(), e.gpu().allowGrowth(),
                e.gpu().visibleDevices().orElse(""), metrics);
        var untuned = EngineOptions.tuningEnvMissing();
        if (!untuned.isEmpty()) {
            LOG.warnf("%s not set to true: the engine runs up to 1.5x slower (README, Configuration)",
                    String.join(" and ", untuned));
        }
        engineOptions = engine;
        encoder = Encoder.create(model.weights(), model.config(), engine);
        encoder.warmUp();
        metrics.modelLoaded(info.name(), info.revision(), engine.device());
        LOG.infof("model %s (%s) loaded on %s (%s) and warmed up in %d ms", info.name(), info.revision(),
                engine.device(), engine.describe(), (System.nanoTime() - started) / 1_000_000);
    }

    public Encoder encoder() {
        return encoder;
    }

    /** The settings the encoder's session was created with. */
    public EngineOptions engineOptions() {
        return engineOptions;
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public ModelInfo info() {
        return info;
    }

    @PreDestroy
    void close() {
        encoder.close();
        tokenizer.close();
    }
}
