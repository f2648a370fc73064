package dev.attentionqa.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The command line: {@code serve} (the default), {@code ask}, {@code eval}, {@code bench}, {@code send}. */
@TopCommand
@Command(name = "attention-qa-worker", mixinStandardHelpOptions = true,
        description = "Kafka question-answering worker with attention explanations.",
        subcommands = {ServeCommand.class, AskCommand.class, EvalCommand.class, BenchCommand.class, SendCommand.class,
            TrainCommand.class})
public class WorkerCommand implements Runnable {

    @Override
    public void run() {
        new ServeCommand().run();
    }
}
