package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.messaging.Answering;
import dev.attentionqa.messaging.InvalidRequestException;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Answers one question locally and prints the answer (as text, or the answer event as JSON); no Kafka needed. */
@Command(name = "ask", description = "Answer one question and print the answer (no Kafka).")
public class AskCommand implements Callable<Integer> {

    @Option(names = "--question", required = true, description = "The question.")
    String question;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ContextSource context;

    @Option(names = "--top-k", description = "Answers to return (default: qa.answers.top-k).")
    Integer topK;

    @Option(names = "--mode", description = "span (the fact) or sentence (the sentence holding it); default: qa.answers.mode.")
    String mode;

    @Option(names = "--all-words", description = "Show stop words and punctuation among the explanation's context words too.")
    boolean allWords;

    @Option(names = "--explanation", description = "grad-attention, rollout, attention or integrated-gradients; default:"
            + " qa.explain.method (span answers) or qa.explain.sentence-method (sentence answers).")
    String explanation;

    @Option(names = "--no-explain", description = "Leave the explanation out.")
    boolean noExplain;

    @Option(names = "--abstain", arity = "1", description = "true or false: withhold a span answer that does not beat the"
            + " no-answer score by qa.answers.no-answer-margin (default: qa.answers.abstain).")
    Boolean abstain;

    @Option(names = "--json", description = "Print the answer event as one line of JSON (for scripts) instead of text.")
    boolean jsonOutput;

    @Inject
    Answering answering;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", "ask");
        request.put("question", question);
        request.put("context", context.read());
        Map<String, Object> options = new LinkedHashMap<>();
        if (topK != null) {
            options.put("topK", topK);
        }
        if (mode != null) {
            options.put("mode", mode);
        }
        if (explanation != null) {
            options.put("explanation", explanation);
        }
        if (noExplain) {
            options.put("explain", false);
        }
        if (allWords) {
            options.put("allWords", true);
        }
        if (abstain != null) {
            options.put("abstain", abstain);
        }
        request.put("options", options);
        try {
            var parsed = answering.parse(json.writeValueAsBytes(request));
            String event = answering.toJson(answering.answer(parsed, 0));
            System.out.print(jsonOutput ? event + System.lineSeparator() : AnswerText.of(json.readTree(event)));
            return 0;
        } catch (InvalidRequestException e) {
            System.err.println("refused: " + e.getMessage());
            return ExitCodes.REFUSED;
        }
    }
}
