package dev.attentionqa.cli;

import picocli.CommandLine.Command;

/** Benchmarks; {@code bench engine} compares the TF engine with ONNX Runtime in one run; {@code bench e2e} goes through Kafka. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchEngineCommand.class, BenchSoakCommand.class, BenchE2eCommand.class,
        BenchExplainCommand.class})
public class BenchCommand {
}
