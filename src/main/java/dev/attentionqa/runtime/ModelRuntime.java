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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Owns the models the worker answers with, one per answer mode, for the life of the application: a span model
 * ({@code qa_outputs} head) and a sentence (embedding) model. {@code qa.model.dir} replaces the bundled model of the
 * mode its head implies; each model gets its own session. Closes them at shutdown.
 */
@ApplicationScoped
public class ModelRuntime {

    public static final String SPAN = "span";
    public static final String SENTENCE = "sentence";

    private static final Logger LOG = Logger.getLogger(ModelRuntime.class);

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final String defaultMode;
    private final EngineOptions engineOptions;

    @Inject
    public ModelRuntime(WorkerConfig config, WorkerMetrics metrics) {
        ConfigCheck.validate(config);
        var e = config.engine();
        engineOptions = new EngineOptions(e.intraOpThreads(), e.interOpThreads(), e.lanes(), e.gpu().allowGrowth(),
                e.gpu().visibleDevices().orElse(""), metrics, config.explain().gradientLayers());
        var untuned = EngineOptions.tuningEnvMissing();
        if (!untuned.isEmpty()) {
            LOG.warnf("%s not set to true: the engine runs up to 1.5x slower (docs/configuration.md)",
                    String.join(" and ", untuned));
        }
        try {
            if (config.model().dir().isPresent()) {
                Path dir = config.model().dir().get();
                LoadedModel model = HfModelDirectory.load(dir);
                ModelInfo info = new ModelInfo(config.model().name().orElse(String.valueOf(dir.getFileName())),
                        config.model().revision().orElse(HfModelDirectory.LOCAL_REVISION));
                start(model.config().hasQaHead() ? SPAN : SENTENCE, model, () -> HfModelDirectory.load(dir),
                        () -> WordPieceTokenizer.fromFile(dir.resolve("tokenizer.json")), info, metrics);
            }
            if (!models.containsKey(SPAN) && DefaultModel.hasSpanModel()) {
                start(SPAN, DefaultModel.loadSpan(), DefaultModel::loadSpan, () -> WordPieceTokenizer.fromClasspath(DefaultModel.SPAN_RESOURCE
                        + "tokenizer.json"), DefaultModel.SPAN_INFO, metrics);
            }
            if (!models.containsKey(SENTENCE)) {
                start(SENTENCE, DefaultModel.load(), DefaultModel::load, () -> WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE),
                        DefaultModel.INFO, metrics);
            }
        } catch (RuntimeException failure) {
            close();
            throw failure;
        }
        String wanted = config.answers().mode();
        if (!models.containsKey(wanted)) {
            close();
            throw new IllegalStateException("qa.answers.mode=" + wanted + " needs a model with a span head, and this"
                    + " build has none: set qa.model.dir to one, or qa.answers.mode=sentence (got modes " + modes() + ")");
        }
        defaultMode = wanted;
    }

    private void start(String mode, LoadedModel model, Supplier<LoadedModel> reload, Supplier<WordPieceTokenizer> tokenizer,
                       ModelInfo info, WorkerMetrics metrics) {
        long started = System.nanoTime();
        Encoder encoder = Encoder.create(model.weights(), model.config(), engineOptions);
        try {
            encoder.warmUp();
            models.put(mode, new ServedModel(encoder, tokenizer.get(), info, reload));
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
        metrics.modelLoaded(mode, info.name(), info.revision(), engineOptions.device());
        LOG.infof("%s model %s (%s) loaded on %s (%s) and warmed up in %d ms", mode, info.name(), info.revision(),
                engineOptions.device(), engineOptions.describe(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The model of an answer mode ({@link #modes()}). */
    public ServedModel model(String mode) {
        ServedModel model = models.get(mode);
        if (model == null) {
            throw new IllegalArgumentException("no model for answer mode " + mode + " (got modes " + modes() + ")");
        }
        return model;
    }

    /** Answer modes this worker can serve, in load order. */
    public Set<String> modes() {
        return models.keySet();
    }

    /** The deployment's default answer mode ({@code qa.answers.mode}). */
    public String defaultMode() {
        return defaultMode;
    }

    /** The encoder of the default mode's model (benchmarks and readiness). */
    public Encoder encoder() {
        return model(defaultMode).encoder();
    }

    /** The settings every encoder session was created with. */
    public EngineOptions engineOptions() {
        return engineOptions;
    }

    public WordPieceTokenizer tokenizer() {
        return model(defaultMode).tokenizer();
    }

    public ModelInfo info() {
        return model(defaultMode).info();
    }

    @PreDestroy
    void close() {
        models.values().forEach(ServedModel::close);
        models.clear();
    }
}
