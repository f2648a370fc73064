package dev.attentionqa.qa;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.tokenize.TokenizedText;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which context tokens an answer's characters cover (the rows the span explanation reads): a token counts when it
 * overlaps the answer by at least one character; one that only touches it at an edge does not.
 */
class AnswerTokensTest {

    private static final String CONTEXT = "The tower stands in Paris today.";
    private static WordPieceTokenizer tokenizer;
    private static TokenizedText tokens;

    @BeforeAll
    static void tokenize() {
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
        tokens = tokenizer.tokenize(CONTEXT);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void coversExactlyTheTokensOfTheAnswer() {
        int start = CONTEXT.indexOf("Paris");
        int[] range = SpanExplainer.answerTokens(tokens, new Answer("Paris", 1, start, start + 5));
        assertThat(range).hasSize(2);
        assertThat(tokens.text().substring(tokens.starts()[range[0]], tokens.ends()[range[1] - 1])).isEqualTo("Paris");
    }

    @Test
    void anAnswerAtTheFirstTokenStartsThere() {
        int[] range = SpanExplainer.answerTokens(tokens, new Answer("The tower", 1, 0, 9));
        assertThat(range).containsExactly(0, 2);
    }

    @Test
    void tokensThatOnlyTouchTheAnswerAreLeftOut() {
        // "in" ends where " Paris" begins (the space) and "today" starts one character after "Paris" ends
        int start = CONTEXT.indexOf(" Paris ");
        int[] range = SpanExplainer.answerTokens(tokens, new Answer(" Paris ", 1, start, start + 7));
        assertThat(tokens.text().substring(tokens.starts()[range[0]], tokens.ends()[range[1] - 1])).isEqualTo("Paris");
    }

    @Test
    void anAnswerOverNoTokenHasNone() {
        int space = CONTEXT.indexOf(' ');
        assertThat(SpanExplainer.answerTokens(tokens, new Answer(" ", 1, space, space + 1))).isNull();
        assertThat(SpanExplainer.answerTokens(tokens, new Answer("", 0, 0, 0))).isNull();
    }
}
