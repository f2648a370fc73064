package dev.attentionqa.qa;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Token spans become offsets of the original context: whole words with align_to_words, UTF-16 indices always. */
class AnswerOffsetsTest {

    /** "unbelievable results": pieces un ##bel ##ievable (word 0), results (word 1). */
    private static final TokenizedText PIECES = new TokenizedText("unbelievable results", new long[] {1, 2, 3, 4},
            new int[] {0, 0, 0, 1}, new int[] {0, 2, 5, 13}, new int[] {2, 5, 12, 20});

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void alignsAPieceInTheMiddleOfAWordToTheWholeWord() {
        SpanWindow all = new SpanWindow(0, 4, 3);
        Answer aligned = new AnswerOffsets(PIECES, true).answer(all, new TokenSpan(4, 4, 0.5)); // ##bel
        assertThat(aligned).isEqualTo(new Answer("unbelievable", 0.5, 0, 12));
        Answer raw = new AnswerOffsets(PIECES, false).answer(all, new TokenSpan(4, 4, 0.5));
        assertThat(raw).isEqualTo(new Answer("bel", 0.5, 2, 5));
    }

    @Test
    void alignsOnlyWithinTheWindowAsHfsPerWindowEncodingDoes() {
        SpanWindow fromSecondPiece = new SpanWindow(1, 4, 3); // window starts at ##bel
        Answer a = new AnswerOffsets(PIECES, true).answer(fromSecondPiece, new TokenSpan(3, 5, 0.5));
        assertThat(a).isEqualTo(new Answer("believable results", 0.5, 2, 20));
    }

    @Test
    void mapsAccentsCjkAndEmojiToUtf16OffsetsOfTheOriginalText() {
        String text = "Le café «Ünïcode» est à 東京 🎉🎉 naïve façade.";
        TokenizedText t = tokenizer.tokenize(text);
        SpanWindow all = new SpanWindow(0, t.size(), 5);
        AnswerOffsets offsets = new AnswerOffsets(t, true);
        for (int s = 0; s < t.size(); s++) {
            for (int e = s; e < Math.min(t.size(), s + 4); e++) {
                Answer a = offsets.answer(all, new TokenSpan(s + 5, e + 5, 1));
                assertThat(a.text()).isEqualTo(text.substring(a.start(), a.end()));
                assertThat(Character.isLowSurrogate(text.charAt(a.start()))).isFalse();
                assertThat(a.end() == text.length() || !Character.isLowSurrogate(text.charAt(a.end()))).isTrue();
            }
        }
        assertThat(answerFor(t, offsets, "東")).isEqualTo("東");
        assertThat(answerFor(t, offsets, "🎉")).isEqualTo("🎉🎉"); // one word, one [UNK]: 4 UTF-16 units
        assertThat(answerFor(t, offsets, "naïve")).isEqualTo("naïve");
    }

    private static String answerFor(TokenizedText t, AnswerOffsets offsets, String word) {
        int from = t.text().indexOf(word);
        for (int i = 0; i < t.size(); i++) {
            if (t.starts()[i] == from) {
                return offsets.answer(new SpanWindow(0, t.size(), 0), new TokenSpan(i, i, 1)).text();
            }
        }
        throw new AssertionError("no token starts at " + from + " (got starts " + java.util.Arrays.toString(t.starts()) + ")");
    }
}
