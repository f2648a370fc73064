package dev.attentionqa.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Hugging Face {@code config.json} into a {@link BertConfig}, using each {@code model_type}'s own keys
 * ({@code BertConfig}/{@code RobertaConfig}: hidden_size…; {@code DistilBertConfig}: dim, n_layers…) and, for
 * absent keys, the defaults of its transformers configuration class.
 */
final class HfConfigReader {

    private static final String MISSING = "<missing>";

    private HfConfigReader() {
    }

    /** Parses the file; an unsupported {@code model_type} fails naming it and the supported list. */
    static BertConfig parse(InputStream json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ModelFormatException("config.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("config.json must hold a JSON object (got " + root + ")");
        }
        String modelType = root.path("model_type").asText(MISSING);
        BertConfig.requireSupportedModelType(modelType);
        if (modelType.equals("distilbert")) {
            return distilBert(root);
        }
        int defaultPad = BertConfig.ROBERTA_TYPES.contains(modelType) ? 1 : 0;
        return new BertConfig(
                root.path("vocab_size").asInt(30522),
                root.path("hidden_size").asInt(768),
                root.path("num_hidden_layers").asInt(12),
                root.path("num_attention_heads").asInt(12),
                root.path("intermediate_size").asInt(3072),
                root.path("max_position_embeddings").asInt(512),
                root.path("type_vocab_size").asInt(2),
                root.path("layer_norm_eps").asDouble(1e-12),
                root.path("hidden_act").asText("gelu"),
                modelType,
                false,
                root.path("pad_token_id").asInt(defaultPad));
    }

    /** DistilBERT: its own key names, no segment embeddings, LayerNorm eps fixed at 1e-12 in its modelling code. */
    private static BertConfig distilBert(JsonNode root) {
        return new BertConfig(
                root.path("vocab_size").asInt(30522),
                root.path("dim").asInt(768),
                root.path("n_layers").asInt(6),
                root.path("n_heads").asInt(12),
                root.path("hidden_dim").asInt(3072),
                root.path("max_position_embeddings").asInt(512),
                0,
                1e-12,
                root.path("activation").asText("gelu"),
                "distilbert",
                false,
                root.path("pad_token_id").asInt(0));
    }
}
