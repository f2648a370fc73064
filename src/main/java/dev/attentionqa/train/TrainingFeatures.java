package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.qa.SpanFeatures;
import dev.attentionqa.qa.SpanWindow;
import dev.attentionqa.tokenize.SpecialTokens;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQuAD questions → training sequences, as HF's {@code prepare_train_features}: the same windows the span pipeline
 * reads at inference ({@link SpanFeatures}), each labelled with the gold answer's first and last token, or [CLS]
 * when the answer is not wholly inside the window. Only the first gold answer is used (train has one).
 */
public final class TrainingFeatures {

    /**
     * The sequences, how many questions were skipped because their answer text is not at answer_start, and how many
     * sequences came from negative examples (all labelled [CLS]).
     */
    public record Result(List<TrainingFeature> features, int questions, int skipped, int negativeFeatures) {
    }

    private TrainingFeatures() {
    }

    /** Features of {@code questions} (answered) only. */
    public static Result of(List<SquadQuestion> questions, WordPieceTokenizer tokenizer, SpanFeatures spans) {
        return of(questions, List.of(), tokenizer, spans);
    }

    /** Features of {@code questions} (answered) and of {@code negatives} (no answer: every window [CLS]). */
    public static Result of(List<SquadQuestion> questions, List<SquadQuestion> negatives, WordPieceTokenizer tokenizer,
                            SpanFeatures spans) {
        Map<String, TokenizedText> contexts = new HashMap<>(); // ~5 questions share a paragraph
        List<TrainingFeature> features = new ArrayList<>();
        int skipped = 0;
        for (SquadQuestion sq : questions) {
            if (sq.answers().isEmpty()) {
                skipped++;
                continue;
            }
            String answer = sq.answers().get(0);
            int answerStart = sq.answerStarts().get(0);
            int answerEnd = answerStart + answer.length();
            if (answerEnd > sq.context().length() || !sq.context().startsWith(answer, answerStart)) {
                skipped++;
                continue;
            }
            addWindows(sq, answerStart, answerEnd, tokenizer, spans, contexts, features);
        }
        int answered = features.size();
        for (SquadQuestion sq : negatives) {
            addWindows(sq, -1, -1, tokenizer, spans, contexts, features);
        }
        return new Result(features, questions.size(), skipped, features.size() - answered);
    }

    /** Every window of {@code sq}, labelled with the answer at [answerStart, answerEnd), or [CLS] when it is -1. */
    private static void addWindows(SquadQuestion sq, int answerStart, int answerEnd, WordPieceTokenizer tokenizer,
                                   SpanFeatures spans, Map<String, TokenizedText> contexts,
                                   List<TrainingFeature> features) {
        SpecialTokens special = tokenizer.specialTokens();
        TokenizedText q = spans.question(tokenizer.tokenize(sq.question()));
        TokenizedText c = contexts.computeIfAbsent(sq.context(), tokenizer::tokenize);
        for (SpanWindow w : spans.windows(q.size(), c.size())) {
            EncoderInput in = SpanFeatures.batch(q, c, List.of(w), special);
            int[] gold = answerStart < 0 ? new int[] {0, 0} : goldPositions(c, w, answerStart, answerEnd);
            features.add(new TrainingFeature(toInts(in.inputIds()[0]), toBytes(in.tokenTypeIds()[0]), gold[0], gold[1]));
        }
    }

    /**
     * Sequence positions of the answer's first and last token within window {@code w}, or {0, 0} when the window
     * does not hold the whole answer: the last token starting at or before the answer and the first ending at or
     * after its end.
     */
    static int[] goldPositions(TokenizedText c, SpanWindow w, int answerStart, int answerEnd) {
        if (w.contextLength() == 0 || c.starts()[w.from()] > answerStart || c.ends()[w.to() - 1] < answerEnd) {
            return new int[] {0, 0};
        }
        int first = w.from();
        while (first + 1 < w.to() && c.starts()[first + 1] <= answerStart) {
            first++;
        }
        int last = first;
        while (last < w.to() - 1 && c.ends()[last] < answerEnd) {
            last++;
        }
        return new int[] {w.contextOffset() + first - w.from(), w.contextOffset() + last - w.from()};
    }

    private static int[] toInts(long[] row) {
        int[] out = new int[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = Math.toIntExact(row[i]);
        }
        return out;
    }

    private static byte[] toBytes(long[] row) {
        byte[] out = new byte[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = (byte) row[i];
        }
        return out;
    }
}
