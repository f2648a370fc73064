package dev.attentionqa.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The command line: {@code serve} (the default), {@code ask}, {@code eval}, {@code bench}, {@code send}. */
@TopCommand
@Command(name = "attention-qa-worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT, // --help and --version on every subcommand
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:answered (or done)", "1:error", "2:usage error", "3:request refused (ask, send)",
            "4:no answer within the timeout (send)"},
        description = "Kafka question-answering worker with attention explanations.",
        subcommands = {ServeCommand.class, AskCommand.class, EvalCommand.class, BenchCommand.class, SendCommand.class,
            TrainCommand.class})
public class WorkerCommand implements Runnable {

    @Override
    public void run() {
        new ServeCommand().run();
    }
}
