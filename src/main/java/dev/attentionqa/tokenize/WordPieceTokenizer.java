package dev.attentionqa.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} tokenizer (through DJL) that returns word pieces with character
 * offsets. Special tokens, truncation and padding are switched off here on purpose: the callers build
 * {@code [CLS] question [SEP] context [SEP]} sequences and windows themselves, so no text is silently cut.
 */
public final class WordPieceTokenizer implements AutoCloseable {

    /** Padding tokens of BERT's and RoBERTa's vocabularies. */
    private static final List<String> PAD_TOKENS = List.of("[PAD]", "<pad>");

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
            return fromStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource " + resource, e);
        }
    }

    /** Loads {@code tokenizer.json} bytes from a stream (e.g. an entry of a model jar); the caller closes it. */
    public static WordPieceTokenizer fromStream(InputStream tokenizerJson) throws IOException {
        return new WordPieceTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options()));
    }

    private static Map<String, String> options() {
        // Explicit: the file's own truncation (128 for MiniLM) would drop text without telling anyone.
        return Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false",
                "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2));
    }

    /**
     * The tokenizer's own templates: "" gives [CLS] [SEP] (RoBERTa: {@code <s> </s>}), the pair ("", "") shows one
     * or two separators between texts. RoBERTa-family models have one segment, so their second text keeps segment 0.
     */
    private static SpecialTokens readSpecialTokens(HuggingFaceTokenizer tokenizer) {
        long[] single = tokenizer.encode("", true, false).getIds();
        if (single.length < 2) {
            throw new IllegalStateException("tokenizer adds no [CLS]/[SEP] pair around a text (got " + single.length
                    + " ids)");
        }
        Encoding pair = tokenizer.encode("", "", true, false);
        int pairLength = pair.getIds().length;
        if (pairLength != 3 && pairLength != 4) {
            throw new IllegalStateException("tokenizer should add 3 ([CLS] a [SEP] b [SEP]) or 4"
                    + " (<s> a </s></s> b </s>) special tokens to a pair (got " + pairLength + ")");
        }
        boolean doubleSeparator = pairLength == 4;
        long secondSegment = doubleSeparator ? 0L : pair.getTypeIds()[pairLength - 1];
        long sep = single[single.length - 1];
        return new SpecialTokens(single[0], sep, padId(tokenizer), doubleSeparator, secondSegment);
    }

    /** Id of [PAD] or {@code <pad>} when the vocabulary has one as a single token, else 0. */
    private static long padId(HuggingFaceTokenizer tokenizer) {
        for (String candidate : PAD_TOKENS) {
            Encoding encoding = tokenizer.encode(candidate, false, false);
            if (encoding.getIds().length == 1 && encoding.getTokens()[0].equals(candidate)) {
                return encoding.getIds()[0];
            }
        }
        return 0L;
    }

    /** Ids the model wraps around texts and pads with, read from this tokenizer. */
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
