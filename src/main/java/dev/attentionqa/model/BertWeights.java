package dev.attentionqa.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Encoder parameters by Hugging Face BERT name ({@code encoder.layer.0.attention.self.query.weight}); dense
 * weights are [out, in] as in PyTorch. A leading {@code bert.} is stripped on insertion.
 */
public final class BertWeights {

    /** Prefix that {@code BertForQuestionAnswering} checkpoints put before encoder names. */
    public static final String BERT_PREFIX = "bert.";
    /** QA head weight, [2, hidden]: row 0 scores answer starts, row 1 answer ends. */
    public static final String QA_WEIGHT = "qa_outputs.weight";
    /** QA head bias, [2]. */
    public static final String QA_BIAS = "qa_outputs.bias";

    private final Map<String, ArrayTensor> tensors = new LinkedHashMap<>();

    /** Adds a tensor under its HF name, stripping a leading {@code bert.}; a second tensor of one name is an error. */
    public void put(String name, ArrayTensor tensor) {
        String key = normalise(name);
        if (tensors.putIfAbsent(key, tensor) != null) {
            throw new ModelFormatException("duplicate weight name (got " + key + ")");
        }
    }

    /** The tensor of a name, failing with the name when it is missing. */
    public ArrayTensor get(String name) {
        ArrayTensor tensor = tensors.get(normalise(name));
        if (tensor == null) {
            throw new ModelFormatException("missing weight (got no tensor named " + name + ")");
        }
        return tensor;
    }

    /** The tensor of a name after checking its shape against the expected one. */
    public ArrayTensor get(String name, int... expectedShape) {
        ArrayTensor tensor = get(name);
        if (!Arrays.equals(tensor.shape(), expectedShape)) {
            throw new ModelFormatException("weight " + name + " should have shape " + Arrays.toString(expectedShape)
                    + " (got " + Arrays.toString(tensor.shape()) + ")");
        }
        return tensor;
    }

    /** Whether a tensor of that name is present. */
    public boolean has(String name) {
        return tensors.containsKey(normalise(name));
    }

    /** All names, in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** Number of float parameters held. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(t -> t.data().length).sum();
    }

    /** Name of a parameter inside encoder layer {@code layer}, e.g. {@code layer(0, "output.dense.bias")}. */
    public static String layer(int layer, String suffix) {
        return "encoder.layer." + layer + "." + suffix;
    }

    private static String normalise(String name) {
        return name.startsWith(BERT_PREFIX) ? name.substring(BERT_PREFIX.length()) : name;
    }
}
