package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.bench.BenchCell;
import dev.attentionqa.bench.EngineBenchmark;
import dev.attentionqa.bench.ReferenceEngine;
import dev.attentionqa.bench.ReferenceEngineFactory;
import dev.attentionqa.runtime.ModelRuntime;
import dev.attentionqa.runtime.ServedModel;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code bench engine}: TF engine versus ONNX Runtime on the default mode's model, same weights and inputs, interleaved. */
@Command(name = "engine", description = "TF engine vs ONNX Runtime, seq/s per batch×seq (build with -Pbench).")
public class BenchEngineCommand implements Callable<Integer> {

    private static final int[][] CELLS = {{1, 128}, {8, 128}, {32, 128}, {1, 384}, {8, 384}, {32, 384}};

    @Option(names = "--json", description = "Write cells[] (batch, seq, tf_seq_per_s, ort_seq_per_s, ratio, round_ratio_min/median/max) here.")
    Path out;

    @Option(names = "--seconds", description = "Measured seconds per cell, both engines (default: ${DEFAULT-VALUE}).")
    double seconds = 12;

    @Option(names = "--cells", split = ",", description = "Cells as BxS, e.g. 1x128,8x384 (default: the six standard cells).")
    List<String> cells;

    @Inject
    ModelRuntime model;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        var found = ServiceLoader.load(ReferenceEngineFactory.class).findFirst();
        if (found.isEmpty()) {
            System.err.println("ONNX Runtime is not in this build; rebuild with: ./mvnw -Pbench -DskipTests package");
            return 2;
        }
        ServedModel served = model.model(model.defaultMode());
        try (ReferenceEngine ort = found.get().create(served.weights().get(), 2)) {
            String tfEngine = model.engineOptions().describe();
            System.out.println("model: " + served.info().name() + " (" + model.defaultMode() + "), tf engine: " + tfEngine);
            System.out.printf("%-6s %-5s %12s %12s %7s   %s%n", "batch", "seq", "tf seq/s", ort.name() + " seq/s", "tf/ort",
                    "per-round tf/ort min / median / max");
            List<BenchCell> results = new EngineBenchmark(served.encoder(), ort, seconds).run(parseCells(), c ->
                    System.out.printf("%-6d %-5d %12.1f %12.1f %7.2f   %.2f / %.2f / %.2f%n", c.batch(), c.seq(), c.tfSeqPerS(),
                            c.ortSeqPerS(), c.ratio(), c.roundRatioMin(), c.roundRatioMedian(), c.roundRatioMax()));
            if (out != null) {
                JsonReports.write(JsonReports.snakeCase(json), out, Map.of("model", served.info().name(),
                        "mode", model.defaultMode(), "tf_engine", tfEngine, "cells", results));
            }
        }
        return 0;
    }

    private int[][] parseCells() {
        if (cells == null) {
            return CELLS;
        }
        return cells.stream().map(c -> {
            String[] bs = c.toLowerCase().split("x");
            if (bs.length != 2) {
                throw new IllegalArgumentException("--cells entries look like 8x128 (got " + c + ")");
            }
            return new int[] {Integer.parseInt(bs[0]), Integer.parseInt(bs[1])};
        }).toArray(int[][]::new);
    }
}
