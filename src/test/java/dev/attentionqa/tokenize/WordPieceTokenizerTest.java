package dev.attentionqa.tokenize;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.fromClasspath("all-minilm-l6-v2-tokenizer.json");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void splitsIntoWordPiecesWithIdsOfTheBertVocabulary() {
        TokenizedText t = tokenizer.tokenize("Attention is all you need");
        assertThat(t.ids()).containsExactly(3086, 2003, 2035, 2017, 2342);
        assertThat(tokenizer.specialTokens()).isEqualTo(new SpecialTokens(101, 102, 0));
    }

    @Test
    void offsetsPointAtTheTokensInTheOriginalString() {
        String text = "Transformers parallelise well.";
        TokenizedText t = tokenizer.tokenize(text);
        assertThat(t.size()).isGreaterThan(4);
        for (int i = 0; i < t.size(); i++) {
            String piece = text.substring(t.starts()[i], t.ends()[i]);
            assertThat(piece).isNotBlank();
        }
        assertThat(text.substring(t.starts()[0], t.ends()[t.size() - 1])).isEqualTo(text);
    }

    @Test
    void mergesWordPiecesOfOneWordUnderOneWordId() {
        TokenizedText t = tokenizer.tokenize("unbelievably long");
        assertThat(t.size()).isGreaterThan(2);
        assertThat(t.wordIds()[0]).isEqualTo(t.wordIds()[1]);
        assertThat(t.wordIds()[t.size() - 1]).isNotEqualTo(t.wordIds()[0]);
    }

    @Test
    void offsetsStayRightAfterAccentsCjkAndEmoji() {
        String text = "Café 😀 東京 naïve attention";
        TokenizedText t = tokenizer.tokenize(text);
        int last = t.size() - 1;
        assertThat(text.substring(t.starts()[last], t.ends()[last])).isEqualTo("attention");
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.ends()[i]).isGreaterThan(t.starts()[i]).isLessThanOrEqualTo(text.length());
        }
    }

    @Test
    void doesNotTruncateLongTexts() {
        String text = "word ".repeat(2000);
        assertThat(tokenizer.tokenize(text).size()).isEqualTo(2000);
    }
}
