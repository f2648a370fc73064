package dev.attentionqa.runtime;

import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.LoadedModel;
import dev.attentionqa.model.ModelInfo;
import dev.attentionqa.tokenize.WordPieceTokenizer;

import java.util.function.Supplier;

/**
 * One model the worker answers with: its encoder session, its tokenizer, the identity reported in answers, and how
 * to read its weights again (benchmarks hand them to the reference engine; the worker keeps no copy on the heap).
 */
public record ServedModel(Encoder encoder, WordPieceTokenizer tokenizer, ModelInfo info, Supplier<LoadedModel> weights)
        implements AutoCloseable {

    @Override
    public void close() {
        encoder.close();
        tokenizer.close();
    }
}
