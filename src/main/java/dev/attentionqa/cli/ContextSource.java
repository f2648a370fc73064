package dev.attentionqa.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The context of {@code ask} and {@code send}: the text itself, or a UTF-8 file ({@code -}: standard input). */
public class ContextSource {

    @Option(names = "--context", description = "The context text.")
    String text;

    @Option(names = "--context-file", description = "A UTF-8 file holding the context; - reads standard input.")
    Path file;

    static ContextSource ofText(String text) {
        ContextSource source = new ContextSource();
        source.text = text;
        return source;
    }

    String read() throws IOException {
        if (text != null) {
            return text;
        }
        return file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(file);
    }
}
