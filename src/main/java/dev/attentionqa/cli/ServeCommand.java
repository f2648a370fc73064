package dev.attentionqa.cli;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

/** Runs the worker until the process is told to stop; consuming starts with the application. */
@Command(name = "serve", description = "Consume qa.requests and publish answers (the default command).")
public class ServeCommand implements Runnable {

    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
