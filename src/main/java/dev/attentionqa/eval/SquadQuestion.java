package dev.attentionqa.eval;

import java.util.List;

/** One SQuAD question with its context and gold answers ({@code answerStarts} are UTF-16 offsets). */
public record SquadQuestion(String id, String question, String context, List<String> answers, List<Integer> answerStarts) {
}
