package dev.attentionqa.messaging;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-request bound on model work counts the context's tokens with the real tokenizer of the mode. */
class ContextTokenLimitTest {

    private static WordPieceTokenizer tokenizer;
    private static ContextTokenLimit limit;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.TOKENIZER_RESOURCE);
        limit = new ContextTokenLimit(100, Map.of("span", text -> tokenizer.tokenize(text).size()));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void proseOfTheSameLengthPassesWhereCjkTextIsRefused() {
        String prose = "The tower is in Tokyo and it was built in 1958. ".repeat(4); // 192 characters, ~48 tokens
        String cjk = "東京".repeat(100); // 200 characters, one token each (BERT splits CJK ideographs)
        assertThatCode(() -> limit.check("span", prose)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limit.check("span", cjk))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_TOKENS))
                .hasMessage("too-many-tokens: field 'context' is 200 model tokens (200 characters), more than"
                        + " qa.limits.max-context-tokens=100");
    }

    @Test
    void aModeWithoutACounterIsNotChecked() {
        assertThatCode(() -> limit.check("sentence", "東".repeat(1000))).doesNotThrowAnyException();
    }

    @Test
    void theDefaultIsHalfATokenPerAllowedCharacter() {
        assertThat(ContextTokenLimit.defaultFor(200_000)).isEqualTo(100_000);
        assertThat(ContextTokenLimit.defaultFor(1)).isEqualTo(1);
        assertThatThrownBy(() -> new ContextTokenLimit(0, Map.of()))
                .hasMessageContaining("qa.limits.max-context-tokens must be ≥ 1 (got 0)");
    }
}
