package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.eval.EvalReport;
import dev.attentionqa.eval.Faithfulness;
import dev.attentionqa.eval.FaithfulnessReport;
import dev.attentionqa.eval.MarginCalibration;
import dev.attentionqa.eval.PredictionScoring;
import dev.attentionqa.eval.PredictionsFile;
import dev.attentionqa.eval.SentenceEvaluation;
import dev.attentionqa.eval.SpanEvaluation;
import dev.attentionqa.eval.SpanFaithfulness;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.eval.SquadFile;
import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.eval.SquadScores;
import dev.attentionqa.eval.SquadVersion;
import dev.attentionqa.qa.SentencePipeline;
import dev.attentionqa.qa.SpanPipeline;
import dev.attentionqa.runtime.ModePipelines;
import dev.attentionqa.runtime.ModelRuntime;
import dev.attentionqa.train.HeldOutArticles;
import dev.attentionqa.train.NegativeExamples;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scores on a SQuAD-format file: runs the pipeline (sentence accuracy, EM, F1), or with {@code --predictions}
 * scores an existing {@code {id: text}} file under the official rules without loading the model.
 */
@Command(name = "eval", description = "Evaluate on a SQuAD-format file (no Kafka).")
public class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "SQuAD v1.1/v2.0 JSON file.")
    Path data;

    @Option(names = "--predictions", description = "Score this {question id: answer text} file instead of running the model.")
    Path predictions;

    @Option(names = "--json", description = "Write metrics (and per-question predictions when the model runs) here.")
    Path out;

    @Option(names = "--limit", description = "Only the first N questions (model runs only).")
    Integer limit;

    @Option(names = "--write-predictions", description = "Model runs: also write {question id: answer text} here,"
            + " the input of the official SQuAD scripts and of --predictions.")
    Path writePredictions;

    @Option(names = "--faithfulness", description = "Measure ERASER comprehensiveness and sufficiency of the explanations."
            + " Span mode: every method (attention, rollout, grad-attention, integrated-gradients) and three random orders"
            + " at 1, 5, 10, 20, 50 %% of the answer window's other words, AOPC per method and its ms per answer."
            + " Sentence mode: rollout, last-layer attention, random words at 10 %% and 20 %% of the answer sentence's"
            + " words. Prints a table.")
    boolean faithfulness;

    @Option(names = "--mode", description = "Answer mode to evaluate: span or sentence (default: qa.answers.mode).")
    String mode;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random-words baseline and of --calibrate's"
            + " paragraphs without the answer (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--abstain", arity = "1", description = "Span mode: withhold answers that do not beat the no-answer"
            + " score by --margin (default: true for SQuAD v2.0 files, false for v1.1, whose published figures never abstain).")
    Boolean abstain;

    @Option(names = "--margin", description = "No-answer margin in log-probability (default: qa.answers.no-answer-margin).")
    Double margin;

    @Option(names = "--calibrate", description = "Span mode: find the no-answer margin that maximises SQuAD v2.0 F1 on the"
            + " questions of the last --holdout-articles articles of --data (a training file), each also asked over a"
            + " paragraph without its answer; prints the margin for qa.answers.no-answer-margin.")
    boolean calibrate;

    @Option(names = "--holdout-articles", defaultValue = "0", description = "With --calibrate: the articles train left out"
            + " (train --holdout-articles N).")
    int holdoutArticles;

    @Inject
    WorkerConfig config;

    /** Looked up only when the model runs, so {@code --predictions} never loads it. */
    @Inject
    Instance<SentencePipeline> pipeline;

    /** Every mode's pipeline (span: the bundled span model, or {@code QA_MODEL_DIR} when it has a QA head). */
    @Inject
    Instance<ModePipelines> pipelines;

    @Inject
    Instance<ModelRuntime> model;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        return predictions != null ? scorePredictions() : faithfulness ? measureFaithfulness()
                : calibrate ? calibrateMargin() : runModel();
    }

    private Integer scorePredictions() throws Exception {
        SquadFile file = SquadDataset.readFile(data, json);
        SquadScores scores = PredictionScoring.score(file, PredictionsFile.read(predictions, json));
        if (scores.missing() > 0) {
            System.err.printf("%d of %d questions have no prediction; scored 0%n", scores.missing(), scores.total());
        }
        System.out.println(json.writeValueAsString(scores.official()));
        if (out != null) {
            JsonReports.write(json, out, scores.official());
        }
        return 0;
    }

    private Integer runSpanModel(SquadFile file, List<SquadQuestion> questions) throws Exception {
        SpanEvaluation.Result result = spanEvaluation().run(questions, file.version());
        boolean abstaining = abstain != null ? abstain : file.version() == SquadVersion.V2_0;
        double chosenMargin = margin != null ? margin : config.answers().noAnswerMargin();
        Map<String, String> predicted = abstaining
                ? MarginCalibration.abstained(result.predictions(), result.leads(), chosenMargin) : result.predictions();
        SquadScores scores = abstaining ? PredictionScoring.score(new SquadFile(file.version(), questions), predicted)
                : result.scores();
        System.out.printf("mode=span questions=%d exact_match=%.3f f1=%.3f span_sentence_accuracy=%.4f seconds=%.1f%s%n",
                questions.size(), scores.exact(), scores.f1(), result.sentenceAccuracy(), result.seconds(),
                abstaining ? " abstain margin=" + chosenMargin : "");
        if (file.version() != SquadVersion.V1_1) {
            System.out.println(json.writeValueAsString(scores.official()));
        }
        if (writePredictions != null) {
            json.writeValue(writePredictions.toFile(), predicted);
        }
        if (out != null) {
            ObjectNode tree = json.createObjectNode();
            tree.put("mode", ModelRuntime.SPAN);
            tree.put("questions", questions.size());
            tree.put("span_sentence_accuracy", result.sentenceAccuracy());
            tree.put("seconds", result.seconds());
            if (abstaining) {
                tree.put("no_answer_margin", chosenMargin);
            }
            tree.set("official", json.valueToTree(scores.official()));
            tree.set("predictions", json.valueToTree(predicted));
            JsonReports.write(json, out, tree);
        }
        return 0;
    }

    /** The held-out articles' questions, each also over a paragraph without its answer: the margin that scores best. */
    private Integer calibrateMargin() throws Exception {
        HeldOutArticles held = new HeldOutArticles(holdoutArticles);
        if (holdoutArticles < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--calibrate needs --holdout-articles ≥ 1, the"
                    + " articles train left out (got " + holdoutArticles + ")");
        }
        List<List<String>> articles = held.heldOut(SquadDataset.articleParagraphs(data, json));
        List<SquadQuestion> answered = HeldOutArticles.questionsOf(SquadDataset.read(data, json), articles);
        if (limit != null) {
            answered = answered.subList(0, Math.min(limit, answered.size()));
        }
        List<SquadQuestion> questions = new ArrayList<>(answered);
        questions.addAll(NegativeExamples.of(answered, articles, 1.0, seed));
        SpanEvaluation.Result result = spanEvaluation().run(questions, SquadVersion.V2_0);
        MarginCalibration.Best best = MarginCalibration.best(questions, result.predictions(), result.leads());
        SquadScores at = PredictionScoring.score(new SquadFile(SquadVersion.V2_0, questions),
                MarginCalibration.abstained(result.predictions(), result.leads(), best.margin()));
        System.out.printf(Locale.ROOT, "no_answer_margin=%.4f questions=%d answerable=%d f1=%.3f HasAns_f1=%.3f"
                        + " NoAns_f1=%.3f seconds=%.1f%n", best.margin(), questions.size(), answered.size(), at.f1(),
                at.hasAnsF1(), at.noAnsF1(), result.seconds());
        if (out != null) {
            ObjectNode tree = json.createObjectNode();
            tree.put("no_answer_margin", best.margin());
            tree.put("holdout_articles", holdoutArticles);
            tree.set("official", json.valueToTree(at.official()));
            JsonReports.write(json, out, tree);
        }
        return 0;
    }

    private SpanEvaluation spanEvaluation() {
        return new SpanEvaluation(pipelines.get().byMode().get(ModelRuntime.SPAN), System.err);
    }

    private Integer measureFaithfulness() throws Exception {
        List<SquadQuestion> questions = SquadDataset.readFile(data, json).questions();
        if (limit != null) {
            questions = questions.subList(0, Math.min(limit, questions.size()));
        }
        String chosen = chosenMode();
        FaithfulnessReport report = chosen.equals(ModelRuntime.SPAN)
                ? new SpanFaithfulness((SpanPipeline) pipelines.get().byMode().get(ModelRuntime.SPAN), seed)
                        .run(questions, System.err)
                : new Faithfulness(pipeline.get(), seed).run(questions, System.err);
        System.out.println("mode=" + chosen);
        System.out.print(report.table());
        if (out != null) {
            JsonReports.write(json, out, report);
        }
        return 0;
    }

    private String chosenMode() {
        String chosen = mode != null ? mode : model.get().defaultMode();
        if (!model.get().modes().contains(chosen)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be one of "
                    + model.get().modes() + " (got " + chosen + ")");
        }
        return chosen;
    }

    private Integer runModel() throws Exception {
        SquadFile file = SquadDataset.readFile(data, json);
        List<SquadQuestion> questions = file.questions();
        if (limit != null) {
            questions = questions.subList(0, Math.min(limit, questions.size()));
        }
        String chosen = chosenMode();
        if (chosen.equals(ModelRuntime.SPAN)) {
            return runSpanModel(file, questions);
        }
        EvalReport report = new SentenceEvaluation(pipeline.get(), System.err).run(questions, file.version());
        System.out.printf("questions=%d sentence_accuracy=%.4f top3_sentence_accuracy=%.4f exact_match=%.3f f1=%.3f"
                        + " seconds=%.1f%n", report.questions(), report.sentenceAccuracy(), report.top3SentenceAccuracy(),
                report.exactMatch(), report.f1(), report.seconds());
        Map<String, String> predicted = new LinkedHashMap<>();
        report.predictions().forEach(p -> predicted.put(p.id(), p.prediction()));
        if (writePredictions != null) {
            json.writeValue(writePredictions.toFile(), predicted);
        }
        if (out != null) {
            ObjectNode tree = JsonReports.snakeCase(json).valueToTree(report);
            // the official scripts' figures (HasAns/NoAns for v2.0) over the questions that ran
            tree.set("official", json.valueToTree(PredictionScoring.score(new SquadFile(file.version(), questions),
                    predicted).official()));
            JsonReports.write(json, out, tree);
        }
        return 0;
    }
}
