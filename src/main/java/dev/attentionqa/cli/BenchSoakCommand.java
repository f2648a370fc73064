package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.bench.SoakBenchmark;
import dev.attentionqa.bench.SoakResult;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.runtime.ModelRuntime;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench soak}: many encoder runs with attention fetched; prints the RSS curve and its growth after warm-up. */
@Command(name = "soak", description = "Native-memory soak of the engine: RSS over N inferences (no Kafka).")
public class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--inferences", description = "Encoder runs (default: ${DEFAULT-VALUE}).")
    int inferences = 50_000;

    @Option(names = "--warm-up", description = "Runs before the RSS baseline is taken (default: ${DEFAULT-VALUE}).")
    int warmUp = 2_000;

    @Option(names = "--json", description = "Write the samples and the growth here.")
    Path out;

    @Inject
    ModelRuntime model;

    @Inject
    ObjectMapper json;

    @Inject
    WorkerConfig config;

    @Override
    public Integer call() throws Exception {
        if (warmUp >= inferences) {
            System.err.println("--warm-up must be below --inferences (got " + warmUp + " ≥ " + inferences + ")");
            return 2;
        }
        System.out.printf("%12s %12s%n", "inferences", "rss MiB");
        SoakResult r = new SoakBenchmark(model.encoder(), 20, config.batching().padMultiple()).run(inferences, warmUp,
                s -> System.out.printf("%12d %12.1f%n", s[0], s[1] / 1024.0));
        System.out.printf("rss after warm-up %.1f MiB, at end %.1f MiB, growth %.2f %% over %d inferences in %.0f s%n",
                r.rssAfterWarmUpKib() / 1024.0, r.rssEndKib() / 1024.0, r.growthPercent(), r.inferences(), r.seconds());
        if (out != null) {
            JsonReports.write(JsonReports.snakeCase(json), out, r);
        }
        return 0;
    }
}
