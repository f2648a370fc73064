package dev.attentionqa.cli;

import picocli.CommandLine.Command;

/** Benchmarks; {@code bench engine} compares the TF engine with ONNX Runtime in one run. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchEngineCommand.class, BenchSoakCommand.class})
public class BenchCommand {
}
