package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.bench.E2eBenchmark;
import dev.attentionqa.bench.E2eResult;
import dev.attentionqa.bench.MixSource;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.messaging.MicroBatchAnswerer;
import dev.attentionqa.messaging.RequestConsumer;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench e2e}: throughput and latency through a real broker against the engine-only rate on the same mix. */
@Command(name = "e2e", description = "End-to-end benchmark through Kafka (broker from KAFKA_BOOTSTRAP_SERVERS): "
        + "sustained answers/s vs engine only, latency at fractions of the sustained rate.")
public class BenchE2eCommand implements Callable<Integer> {

    @Option(names = "--requests", description = "Requests in the engine-only and sustained phases (default: ${DEFAULT-VALUE}).")
    int requests = 1000;

    @Option(names = "--long-every", description = "Every Nth request is over the long essay (default: ${DEFAULT-VALUE}).")
    int longEvery = 10;

    @Option(names = "--latency-requests", description = "Requests offered per load level (default: ${DEFAULT-VALUE}).")
    int latencyRequests = 200;

    @Option(names = "--loads", split = ",", description = "Fractions of the sustained rate to offer (default: ${DEFAULT-VALUE}).")
    double[] loads = {0.5, 0.9};

    @Option(names = "--squad", description = "Short paragraphs: a SQuAD file (default: ${DEFAULT-VALUE}).")
    Path squad = Path.of("src/test/resources/data/squad/dev-v1.1.json.gz");

    @Option(names = "--essay", description = "Long contexts: a SQuAD-format file (default: ${DEFAULT-VALUE}).")
    Path essay = Path.of("src/test/resources/data/seed/seed-qa-dev.json");

    @Option(names = "--json", description = "Write the figures here.")
    Path out;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    WorkerConfig config;

    @Inject
    MicroBatchAnswerer answerer;

    @Inject
    RequestConsumer consumer;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        if (requests < config.batching().maxRequests() || latencyRequests < 10) {
            System.err.println("--requests must be at least qa.batching.max-requests (" + config.batching().maxRequests()
                    + ") and --latency-requests at least 10 (got " + requests + ", " + latencyRequests + ")");
            return 2;
        }
        MixSource mix = new MixSource(SquadDataset.read(squad, json), SquadDataset.read(essay, json), json);
        var topics = new E2eBenchmark.Topics(config.topics().requests(), config.topics().answers(),
                config.topics().deadLetters());
        System.out.printf("bench e2e: %d requests (every %dth over the essay), micro-batches of up to %d, %s, topic %s%n",
                requests, longEvery, config.batching().maxRequests(), config.delivery().mode(), topics.requests());
        E2eResult r = new E2eBenchmark(kafka, topics, answerer::answerWithoutWriting, consumer::start,
                config.batching().maxRequests(), System.out::println).run(mix, requests, longEvery, latencyRequests, loads);
        System.out.printf("sustained / engine only = %.2f; p99 at %.0f %% load = %.2f × the median micro-batch (%.0f ms)%n",
                r.sustainedOverEngine(), 100 * r.loads().get(0).fraction(), r.loads().get(0).p99OverMicroBatch(),
                r.microBatchMedianMs());
        if (out != null) {
            JsonReports.write(JsonReports.snakeCase(json), out, r);
        }
        return 0;
    }
}
