package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.attentionqa.eval.EvalReport;
import dev.attentionqa.eval.SentenceEvaluation;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.qa.SentencePipeline;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Scores the pipeline on a SQuAD-format file: sentence accuracy, EM and F1. */
@Command(name = "eval", description = "Evaluate on a SQuAD-format file (no Kafka).")
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "SQuAD v1.1/v2.0 JSON file.")
    Path data;

    @Option(names = "--json", description = "Write metrics and per-question predictions here.")
    Path out;

    @Option(names = "--limit", description = "Only the first N questions.")
    Integer limit;

    @Inject
    SentencePipeline pipeline;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        List<SquadQuestion> questions = SquadDataset.read(data, json);
        if (limit != null) {
            questions = questions.subList(0, Math.min(limit, questions.size()));
        }
        EvalReport report = new SentenceEvaluation(pipeline, System.err).run(questions);
        System.out.printf("questions=%d sentence_accuracy=%.4f top3_sentence_accuracy=%.4f exact_match=%.3f f1=%.3f"
                        + " seconds=%.1f%n", report.questions(), report.sentenceAccuracy(), report.top3SentenceAccuracy(),
                report.exactMatch(), report.f1(), report.seconds());
        if (out != null) {
            json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .writeValue(out.toFile(), report);
        }
        return 0;
    }
}
