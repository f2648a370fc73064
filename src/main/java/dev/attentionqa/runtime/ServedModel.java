package dev.attentionqa.runtime;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.ModelInfo;
import dev.attentionqa.tokenize.WordPieceTokenizer;

/** One model the worker answers with: its encoder session, its tokenizer and the identity reported in answers. */
public record ServedModel(Encoder encoder, WordPieceTokenizer tokenizer, ModelInfo info) implements AutoCloseable {

    @Override
    public void close() {
        encoder.close();
        tokenizer.close();
    }
}
