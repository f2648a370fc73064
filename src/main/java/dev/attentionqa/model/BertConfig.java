package dev.attentionqa.model;

import java.io.InputStream;
import java.util.List;

/**
 * Shape and activation of a BERT-family encoder, as in a Hugging Face {@code config.json}. DistilBERT has no
 * segment embeddings ({@code typeVocabSize} 0); RoBERTa-family models number positions from
 * {@code padTokenId + 1}, skipping padding.
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        double layerNormEps,
        String hiddenAct,
        String modelType,
        boolean hasQaHead,
        int padTokenId) {

    /** The {@code model_type} values whose position ids start after padding, as HF's RoBERTa embeddings. */
    public static final List<String> ROBERTA_TYPES = List.of("roberta", "xlm-roberta", "camembert");

    /** The {@code model_type} values this engine builds. */
    public static final List<String> SUPPORTED_MODEL_TYPES = List.of("bert", "distilbert", "roberta", "xlm-roberta",
            "camembert");

    /** The {@code hidden_act} values this engine builds ("gelu" is the exact erf form). */
    public static final List<String> SUPPORTED_ACTIVATIONS = List.of("gelu");

    /** Rejects unsupported model types and activations and inconsistent sizes. */
    public BertConfig {
        requireSupportedModelType(modelType);
        if (!SUPPORTED_ACTIVATIONS.contains(hiddenAct)) {
            throw new UnsupportedModelException("unsupported hidden_act; supported: " + SUPPORTED_ACTIVATIONS
                    + " (got hidden_act=\"" + hiddenAct + "\")");
        }
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numLayers);
        requirePositive("num_attention_heads", numHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositions);
        if (typeVocabSize < 0 || padTokenId < 0) {
            throw new ModelFormatException("type_vocab_size and pad_token_id must not be negative (got type_vocab_size="
                    + typeVocabSize + ", pad_token_id=" + padTokenId + ")");
        }
        if (hiddenSize % numHeads != 0) {
            throw new ModelFormatException("hidden_size must be a multiple of num_attention_heads (got hidden_size="
                    + hiddenSize + ", num_attention_heads=" + numHeads + ")");
        }
    }

    /** A BERT-style configuration: positions from 0, pad token id 0. */
    public BertConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
                      int maxPositions, int typeVocabSize, double layerNormEps, String hiddenAct, String modelType,
                      boolean hasQaHead) {
        this(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions, typeVocabSize, layerNormEps,
                hiddenAct, modelType, hasQaHead, 0);
    }

    /** Reads a Hugging Face {@code config.json} of any supported {@code model_type} (see {@link HfConfigReader}). */
    public static BertConfig parse(InputStream json) {
        return HfConfigReader.parse(json);
    }

    /** Whether the model adds segment embeddings (DistilBERT has none and ignores token type ids). */
    public boolean hasTokenTypeEmbeddings() {
        return typeVocabSize > 0;
    }

    /** Whether position ids count real tokens from {@code padTokenId + 1}, as HF's RoBERTa embeddings. */
    public boolean positionsFollowPadding() {
        return ROBERTA_TYPES.contains(modelType);
    }

    /** Longest input the position table covers: RoBERTa-family models lose {@code padTokenId + 1} rows. */
    public int maxSequenceLength() {
        return positionsFollowPadding() ? maxPositions - padTokenId - 1 : maxPositions;
    }

    /** Size of one attention head: hidden / heads. */
    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** This configuration with the question-answering head switched on or off. */
    public BertConfig withQaHead(boolean qaHead) {
        return new BertConfig(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions,
                typeVocabSize, layerNormEps, hiddenAct, modelType, qaHead, padTokenId);
    }

    /** Fails naming {@code model_type} and the supported list unless this engine builds that model type. */
    static void requireSupportedModelType(String modelType) {
        if (!SUPPORTED_MODEL_TYPES.contains(modelType)) {
            throw new UnsupportedModelException("unsupported model_type; supported: " + SUPPORTED_MODEL_TYPES
                    + " (got model_type=\"" + modelType + "\")");
        }
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new ModelFormatException(key + " must be positive (got " + value + ")");
        }
    }
}
