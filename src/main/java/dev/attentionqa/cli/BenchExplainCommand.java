package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.batching.EncoderQueues;
import dev.attentionqa.bench.ExplanationCostBenchmark;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.qa.SpanPipeline;
import dev.attentionqa.runtime.ModePipelines;
import dev.attentionqa.runtime.ModelRuntime;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bench explain}: each explanation method's cost per span answer, alone and eight at once, beside the answer's. */
@Command(name = "explain", description = "Cost of each explanation method per span answer (ms), one request at a time "
        + "and 8 at once through the encoder queue, beside answering without an explanation.")
public class BenchExplainCommand implements Callable<Integer> {

    @Option(names = "--data", description = "SQuAD-format questions (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("src/test/resources/data/squad/dev-v1.1.json.gz");

    @Option(names = "--limit", description = "Questions used (default: ${DEFAULT-VALUE}).")
    int limit = 48;

    @Option(names = "--json", description = "Write the figures here.")
    Path out;

    @Inject
    ModePipelines pipelines;

    @Inject
    EncoderQueues queues;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        if (!(pipelines.byMode().get(ModelRuntime.SPAN) instanceof SpanPipeline span)) {
            System.err.println("bench explain needs the span model (got modes " + pipelines.byMode().keySet() + ")");
            return 2;
        }
        List<SquadQuestion> questions = SquadDataset.readFile(data, json).questions();
        questions = questions.subList(0, Math.min(limit, questions.size()));
        System.out.printf("bench explain: %d questions of %s; ms per answer, batch 1 then %d%n", questions.size(), data,
                ExplanationCostBenchmark.BATCH);
        ExplanationCostBenchmark.Costs costs = new ExplanationCostBenchmark(span, queues::enter, System.out::println)
                .run(questions);
        double[] answer = costs.millisPerAnswer().get("answer");
        costs.millisPerAnswer().forEach((name, ms) -> System.out.printf("%-22s × answer: %.2f (batch 1), %.2f (batch %d)%n",
                name, ms[0] / answer[0], ms[1] / answer[1], ExplanationCostBenchmark.BATCH));
        if (out != null) {
            JsonReports.write(json, out, costs);
        }
        return 0;
    }
}
