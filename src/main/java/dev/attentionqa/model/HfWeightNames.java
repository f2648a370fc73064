package dev.attentionqa.model;

import java.util.List;
import java.util.Map;

/**
 * Renames a checkpoint's tensors to the BERT names {@link BertGraph} reads: strips the task-model prefix
 * ({@code bert.}, {@code roberta.}, {@code distilbert.}) and maps DistilBERT's module names
 * ({@code transformer.layer.N.attention.q_lin} → {@code encoder.layer.N.attention.self.query}, …).
 */
final class HfWeightNames {

    /** Prefixes that {@code *ForQuestionAnswering} checkpoints put before encoder names. */
    private static final List<String> MODEL_PREFIXES = List.of("bert.", "roberta.", "distilbert.");
    private static final String DISTIL_LAYER = "transformer.layer.";
    private static final String BERT_LAYER = "encoder.layer.";
    /** DistilBERT module inside a layer → BERT module, as in HF's DistilBERT-to-BERT conversion. */
    private static final Map<String, String> DISTIL_MODULES = Map.of(
            "attention.q_lin", "attention.self.query",
            "attention.k_lin", "attention.self.key",
            "attention.v_lin", "attention.self.value",
            "attention.out_lin", "attention.output.dense",
            "sa_layer_norm", "attention.output.LayerNorm",
            "ffn.lin1", "intermediate.dense",
            "ffn.lin2", "output.dense",
            "output_layer_norm", "output.LayerNorm");

    private HfWeightNames() {
    }

    /** The same tensors under BERT names; names the graph does not read (pooler, LM head) pass through. */
    static BertWeights toBertNames(BertWeights checkpoint, String modelType) {
        BertWeights renamed = new BertWeights();
        for (String name : checkpoint.names()) {
            renamed.put(toBertName(name, modelType), checkpoint.get(name));
        }
        return renamed;
    }

    /**
     * One tensor's BERT name, e.g. {@code distilbert.transformer.layer.0.ffn.lin1.bias} →
     * {@code encoder.layer.0.intermediate.dense.bias}.
     */
    static String toBertName(String name, String modelType) {
        String bare = stripModelPrefix(name);
        if (!modelType.equals("distilbert") || !bare.startsWith(DISTIL_LAYER)) {
            return bare;
        }
        String rest = bare.substring(DISTIL_LAYER.length()); // N.module.param
        int dot = rest.indexOf('.');
        String index = rest.substring(0, dot + 1);
        String moduleAndParam = rest.substring(dot + 1);
        for (Map.Entry<String, String> module : DISTIL_MODULES.entrySet()) {
            if (moduleAndParam.startsWith(module.getKey() + ".")) {
                return BERT_LAYER + index + module.getValue() + moduleAndParam.substring(module.getKey().length());
            }
        }
        return bare;
    }

    private static String stripModelPrefix(String name) {
        for (String prefix : MODEL_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }
}
