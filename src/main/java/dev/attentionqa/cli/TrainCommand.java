package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.BertWeights;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.train.InitialParameters;
import dev.attentionqa.model.train.SpanTrainer;
import dev.attentionqa.model.train.TrainingSettings;
import dev.attentionqa.qa.SpanFeatures;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import dev.attentionqa.train.BaseEncoder;
import dev.attentionqa.train.HeldOutArticles;
import dev.attentionqa.train.NegativeExamples;
import dev.attentionqa.train.SpanTraining;
import dev.attentionqa.train.TrainedModelWriter;
import dev.attentionqa.train.TrainingCheckpoint;
import dev.attentionqa.train.TrainingFeatures;
import dev.attentionqa.train.TrainingRun;
import dev.attentionqa.train.TrainingState;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fine-tunes a base encoder ({@code --base}: all-MiniLM-L6-v2 by default) with a span head on a SQuAD-format file,
 * checkpointing every few minutes and on SIGTERM; {@code --resume} continues the run saved in {@code --checkpoints}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fine-tune a span question-answering model on a SQuAD-format file (no Kafka).")
public class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", description = "SQuAD v1.1 training file (required unless --resume).")
    Path data;

    @Option(names = "--output", required = true, description = "Directory for the trained Hugging Face model.")
    Path output;

    @Option(names = "--checkpoints", required = true, description = "Directory for checkpoints (outside the work tree).")
    Path checkpoints;

    @Option(names = "--resume", description = "Continue the run saved in --checkpoints (its settings win).")
    boolean resume;

    @Option(names = "--base", defaultValue = BaseEncoder.DEFAULT, description = "Encoder to fine-tune: all-minilm-l6-v2"
            + " (bundled), bge-small-en-v1.5 or e5-small-v2 (12 layers, read from the local Maven repository), a Hugging"
            + " Face model directory or a model jar (default: ${DEFAULT-VALUE}).")
    String base;
    @Option(names = "--negatives", defaultValue = "0", description = "Share of questions that also get a paragraph"
            + " without their answer, labelled [CLS] (teaches abstention; default: ${DEFAULT-VALUE}).")
    double negatives;
    @Option(names = "--holdout-articles", defaultValue = "0", description = "Leave the file's last N articles out of"
            + " training, for calibrating abstention (eval --calibrate --holdout-articles N; default: ${DEFAULT-VALUE}).")
    int holdoutArticles;
    @Option(names = "--epochs", defaultValue = "2", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "32", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--learning-rate", defaultValue = "1e-4", description = "Peak AdamW learning rate (default:"
            + " ${DEFAULT-VALUE}).")
    double learningRate;
    @Option(names = "--warmup", defaultValue = "0.1", description = "Fraction of steps with linear warm-up (default:"
            + " ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW's decoupled weight decay, not on"
            + " biases and LayerNorm (default: ${DEFAULT-VALUE}).")
    double weightDecay;
    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout rate where BERT has it (default:"
            + " ${DEFAULT-VALUE}).")
    double dropout;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the batch order, dropout, new head and"
            + " negatives (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--limit", defaultValue = "0", description = "Only the first N questions (0: all).") int limit;
    @Option(names = "--max-steps", defaultValue = "0", description = "Stop after N steps (0: all epochs).") long maxSteps;
    @Option(names = "--max-seq-length", defaultValue = "384", description = "Tokens per training window (question and"
            + " context; the served model reads 384).") int maxSeqLength;
    @Option(names = "--doc-stride", defaultValue = "128", description = "Context tokens shared by neighbouring windows.")
    int docStride;
    @Option(names = "--checkpoint-minutes", defaultValue = "10", description = "Minutes between checkpoints (default:"
            + " ${DEFAULT-VALUE}).")
    double checkpointMinutes;
    @Option(names = "--threads", defaultValue = "2", description = "TF intra-op and inter-op threads.") int threads;
    @Option(names = "--bfloat16", description = "Matrix products in bfloat16 (oneDNN mixed precision; pays only on CPUs"
            + " with AVX512_BF16 or AMX; weights and optimizer stay float32).")
    boolean bfloat16;
    @Option(names = "--init", description = "Start from this span model (a directory train wrote, e.g. the bundled"
            + " src/main/resources/models/span-minilm-l6-squad) with a fresh optimizer, instead of --base and a new head.")
    Path init;
    @Option(names = "--export", description = "Write the latest checkpoint as a model directory to --output; no training.")
    boolean export;
    @Option(names = "--float16", description = "Store the written weights as float16 (half the size, read back as float32).")
    boolean float16;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(checkpoints, json);
        TrainingCheckpoint.Saved saved = resume || export ? checkpoint.load() : null;
        if (export) {
            writeModel(BaseEncoder.resolve(saved.state().run().baseOrDefault()), saved.parameters(), saved.state());
            System.err.printf("wrote %s from the checkpoint at step %d of %d%n", output, saved.state().completedSteps(),
                    saved.state().totalSteps());
            return 0;
        }
        TrainingRun run = saved != null ? saved.state().run() : newRun();
        BaseEncoder base = BaseEncoder.resolve(run.baseOrDefault());
        if (init != null && saved == null && !base.model().config().hasQaHead()) {
            throw new IllegalArgumentException("--init needs a span model with " + BertWeights.QA_WEIGHT + " (got none in "
                    + init + ")");
        }
        try (WordPieceTokenizer tokenizer = base.tokenizer()) {
            long started = System.nanoTime();
            List<List<String>> articles = new HeldOutArticles(run.holdoutArticles())
                    .training(SquadDataset.articleParagraphs(Path.of(run.data()), json));
            List<SquadQuestion> questions = HeldOutArticles.questionsOf(SquadDataset.read(Path.of(run.data()), json),
                    articles);
            if (run.limit() > 0) {
                questions = questions.subList(0, Math.min(run.limit(), questions.size()));
            }
            List<SquadQuestion> negativeQuestions = run.negatives() == 0 ? List.of()
                    : NegativeExamples.of(questions, articles, run.negatives(), run.seed());
            TrainingFeatures.Result features = TrainingFeatures.of(questions, negativeQuestions, tokenizer,
                    new SpanFeatures(run.maxSeqLen(), run.docStride(), run.maxQuestionLen()));
            System.err.printf("base %s (%d layers); %d questions (%d skipped) and %d without their answer → %d sequences"
                    + " (%d of negatives) in %.1f s%n", run.baseOrDefault(), base.model().config().numLayers(),
                    features.questions(), features.skipped(), negativeQuestions.size(), features.features().size(),
                    features.negativeFeatures(), (System.nanoTime() - started) / 1e9);
            long total = SpanTraining.stepsPerEpoch(features.features().size(), run.batchSize()) * run.epochs();
            if (run.maxSteps() > 0) {
                total = Math.min(total, run.maxSteps());
            }
            TrainingState state = saved != null ? saved.state() : new TrainingState(run, 0, total, features.questions(),
                    features.skipped(), features.features().size(), 0, 0);
            if (state.features() != features.features().size()) {
                throw new IllegalStateException("the data gives " + features.features().size() + " sequences but the"
                        + " checkpoint was made from " + state.features() + " (got --data " + run.data() + ")");
            }
            Map<String, ArrayTensor> parameters = saved != null ? saved.parameters()
                    : InitialParameters.of(base.model().config(), base.model().weights(), run.seed());
            try (SpanTrainer trainer = SpanTrainer.create(base.model().config(), parameters,
                    saved != null ? saved.moments() : Map.of(), TrainingSettings.defaults((float) run.weightDecay()),
                    new EngineOptions(threads, threads, 1), bfloat16)) {
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch done = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    stop.set(true);
                    try {
                        done.await(120, TimeUnit.SECONDS); // let the loop write its checkpoint
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hook);
                SpanTraining.Result result;
                try {
                    result = new SpanTraining(trainer, features.features(), tokenizer.specialTokens().pad(), checkpoint,
                            Duration.ofSeconds(Math.round(checkpointMinutes * 60)), System.err).run(state, stop::get);
                } finally {
                    done.countDown();
                }
                if (result.outcome() == SpanTraining.Outcome.STOPPED) {
                    System.err.printf("stopped at step %d of %d; resume with --resume --checkpoints %s%n",
                            result.state().completedSteps(), result.state().totalSteps(), checkpoints);
                    return 0;
                }
                writeModel(base, trainer.parameters(), result.state());
                Runtime.getRuntime().removeShutdownHook(hook);
                System.err.printf("%nwrote %s after %d steps, %.0f s, final loss (avg) %.3f%n", output,
                        result.state().completedSteps(), result.state().seconds(), result.state().smoothedLoss());
                return 0;
            }
        }
    }

    private void writeModel(BaseEncoder base, Map<String, ArrayTensor> parameters, TrainingState state)
            throws IOException {
        try (InputStream tokenizerJson = new ByteArrayInputStream(base.tokenizerJson())) {
            TrainedModelWriter.write(output, base.model().config(), parameters, tokenizerJson,
                    ModelCard.of(state, base.model().info()), float16);
        }
    }

    private TrainingRun newRun() {
        if (data == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--data is required unless --resume");
        }
        return new TrainingRun(data.toAbsolutePath().toString(), limit, epochs, batchSize, learningRate, warmup,
                weightDecay, dropout, seed, maxSeqLength, docStride, 64, maxSteps,
                init != null ? init.toAbsolutePath().toString() : base, negatives, holdoutArticles);
    }
}
