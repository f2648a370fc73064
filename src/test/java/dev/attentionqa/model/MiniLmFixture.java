package dev.attentionqa.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Shared test inputs: the default MiniLM model, imported once per JVM, and padded batches of real token ids. */
final class MiniLmFixture {

    /** Sentences of different lengths, so a batch of them is padded. */
    static final String[] SENTENCES = {
        "Attention is all you need.",
        "Where was the first transformer model published, and by whom?",
        "BERT reads the whole sentence at once: every token attends to every other token in every layer.",
        "Hi",
    };

    private static LoadedModel model;

    private MiniLmFixture() {
    }

    /** The default model, read from the classpath on first use. */
    static synchronized LoadedModel model() {
        if (model == null) {
            model = DefaultModel.load();
        }
        return model;
    }

    /** Tokenizes sentences with the model's tokenizer.json and pads them to the longest, mask 0 on padding. */
    static EncoderInput batch(String... sentences) {
        return encode(sentences, null);
    }

    /** Question/context pairs as the span pipeline feeds them ([CLS] q [SEP] c [SEP], type ids 1 on the context). */
    static EncoderInput pairs(String[] questions, String[] contexts) {
        return encode(questions, contexts);
    }

    private static EncoderInput encode(String[] sentences, String[] pairs) {
        Map<String, String> options = Map.of("truncation", "true", "maxLength", "512", "padding", "false");
        ClassLoader loader = MiniLmFixture.class.getClassLoader();
        try (InputStream json = loader.getResourceAsStream(DefaultModel.TOKENIZER_RESOURCE);
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json, options)) {
            Encoding[] encodings = new Encoding[sentences.length];
            int seq = 0;
            for (int b = 0; b < sentences.length; b++) {
                encodings[b] = pairs == null ? tokenizer.encode(sentences[b]) : tokenizer.encode(sentences[b], pairs[b]);
                seq = Math.max(seq, encodings[b].getIds().length);
            }
            long[][] ids = new long[sentences.length][seq];
            long[][] mask = new long[sentences.length][seq];
            long[][] types = new long[sentences.length][seq];
            for (int b = 0; b < sentences.length; b++) {
                long[] row = encodings[b].getIds();
                System.arraycopy(row, 0, ids[b], 0, row.length);
                System.arraycopy(encodings[b].getAttentionMask(), 0, mask[b], 0, row.length);
                System.arraycopy(encodings[b].getTypeIds(), 0, types[b], 0, row.length);
            }
            return new EncoderInput(ids, mask, types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
