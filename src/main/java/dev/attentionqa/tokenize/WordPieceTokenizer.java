package dev.attentionqa.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer (through DJL) that returns word pieces with character
 * offsets. Special tokens, truncation and padding are switched off here on purpose: the callers build
 * {@code [CLS] question [SEP] context [SEP]} sequences and windows themselves, so no text is silently cut.
 */
public final class WordPieceTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final SpecialTokens specialTokens;

    private WordPieceTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.specialTokens = readSpecialTokens(tokenizer);
    }

    /** Loads a {@code tokenizer.json} file. */
    public static WordPieceTokenizer fromFile(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer file does not exist (got " + tokenizerJson + ")");
        }
        try {
            return new WordPieceTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
        }
    }

    /** Loads a {@code tokenizer.json} from the classpath (the default model ships it in its jar). */
    public static WordPieceTokenizer fromClasspath(String resource) {
        try (InputStream in = WordPieceTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("tokenizer resource not on the classpath (got " + resource + ")");
            }
            return new WordPieceTokenizer(HuggingFaceTokenizer.newInstance(in, options()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource " + resource, e);
        }
    }

    private static Map<String, String> options() {
        // Explicit: the file's own truncation (128 for MiniLM) would drop text without telling anyone.
        return Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false",
                "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2));
    }

    private static SpecialTokens readSpecialTokens(HuggingFaceTokenizer tokenizer) {
        long[] ids = tokenizer.encode("", true, false).getIds(); // [CLS] [SEP] for BERT
        if (ids.length < 2) {
            throw new IllegalStateException("tokenizer adds no [CLS]/[SEP] pair around a text (got " + ids.length + " ids)");
        }
        return new SpecialTokens(ids[0], ids[ids.length - 1], 0L);
    }

    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** Splits {@code text} into word pieces; offsets are UTF-16 indices into {@code text}. */
    public TokenizedText tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        long[] words = encoding.getWordIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        OffsetMapper offsets = new OffsetMapper(text);
        int[] wordIds = new int[ids.length];
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wordIds[i] = (int) words[i];
            starts[i] = offsets.toUtf16(spans[i].getStart());
            ends[i] = offsets.toUtf16(spans[i].getEnd());
        }
        return new TokenizedText(text, ids, wordIds, starts, ends);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
