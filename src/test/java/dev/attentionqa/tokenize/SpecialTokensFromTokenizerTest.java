package dev.attentionqa.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Special tokens, pad id and pair layout come from the tokenizer.json's own post-processor and vocabulary. */
class SpecialTokensFromTokenizerTest {

    /** A hand-written RoBERTa-style tokenizer: WordLevel vocabulary with {@code RobertaProcessing}. */
    private static final String ROBERTA_TOKENIZER = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
              {"id": 0, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
               "normalized": false, "special": true},
              {"id": 1, "content": "<pad>", "single_word": false, "lstrip": false, "rstrip": false,
               "normalized": false, "special": true},
              {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
               "normalized": false, "special": true},
              {"id": 3, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
               "normalized": false, "special": true}],
             "normalizer": null,
             "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0],
                                "trim_offsets": true, "add_prefix_space": false},
             "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "<unk>",
                       "vocab": {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "hello": 4, "world": 5}}}
            """;

    @TempDir
    Path directory;

    @Test
    void robertaTokenizerWrapsPairsInADoubleSeparatorAndPadsWithPadId1() throws Exception {
        Path file = Files.writeString(directory.resolve("tokenizer.json"), ROBERTA_TOKENIZER);
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.fromFile(file)) {
            assertThat(tokenizer.specialTokens()).isEqualTo(new SpecialTokens(0, 2, 1, true, 0));
            assertThat(tokenizer.specialTokens().pairOverhead()).isEqualTo(4);
            assertThat(tokenizer.tokenize("hello world").ids()).containsExactly(4, 5);
        }
    }

    @Test
    void bertTokenizerKeepsOneSeparatorAndSegment1ForTheSecondText() {
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.fromClasspath("all-minilm-l6-v2-tokenizer.json")) {
            assertThat(tokenizer.specialTokens()).isEqualTo(new SpecialTokens(101, 102, 0));
            assertThat(tokenizer.specialTokens().pairOverhead()).isEqualTo(3);
        }
    }
}
