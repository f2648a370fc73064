package dev.attentionqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a Hugging Face BERT exported to ONNX: initializers keep their HF names, and each anonymous
 * {@code onnx::MatMul_*} weight is named after the MatMul node that consumes it and turned from ONNX's
 * [in, out] into PyTorch's [out, in]. The configuration is inferred from shapes and graph constants.
 */
public final class OnnxWeightsReader {

    private static final String MATMUL_WEIGHT_PREFIX = "onnx::MatMul_";
    private static final String MATMUL_SUFFIX = "/MatMul";
    private static final String ATTENTION_RESHAPE = "/attention/self/Reshape";
    private static final String EMBEDDINGS_LAYER_NORM_ADD = "/embeddings/LayerNorm/Add";

    private OnnxWeightsReader() {
    }

    /** Reads the model; {@code defaultHeads} is used only when the graph has no attention Reshape constant. */
    public static LoadedModel read(InputStream onnx, ModelInfo info, int defaultHeads) {
        OnnxModelParser.Graph graph;
        try {
            graph = OnnxModelParser.parse(onnx, true);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read ONNX model " + info.name() + ": " + e.getMessage(), e);
        }
        BertWeights weights = weightsOf(graph);
        BertConfig config = inferConfig(graph, weights, defaultHeads);
        return new LoadedModel(config, weights, info);
    }

    /**
     * The reverse of {@link #read}: every float initializer of the ONNX file, by its ONNX name and in its ONNX
     * layout, taken from {@code weights} (e.g. a model fine-tuned from the file's encoder). ONNX Runtime can then run
     * the file's graph with these values ({@code SessionOptions.addInitializer}).
     */
    public static Map<String, ArrayTensor> initializersFrom(InputStream onnx, BertWeights weights) throws IOException {
        OnnxModelParser.Graph graph = OnnxModelParser.parse(onnx, true);
        Map<String, String> matMulNames = matMulNames(graph);
        Map<String, ArrayTensor> initializers = new LinkedHashMap<>();
        for (OnnxModelParser.Tensor tensor : graph.initializers()) {
            if (tensor.floats() == null) {
                continue;
            }
            String hfName = matMulNames.getOrDefault(tensor.name(), tensor.name());
            ArrayTensor value = tensor.name().startsWith(MATMUL_WEIGHT_PREFIX)
                    ? weights.get(hfName).transpose2d() : weights.get(hfName);
            if (!Arrays.equals(value.shape(), toIntDims(tensor))) {
                throw new ModelFormatException("weight " + hfName + " does not fit ONNX initializer " + tensor.name()
                        + " " + Arrays.toString(tensor.dims()) + " (got "
                        + Arrays.toString(value.shape()) + ")");
            }
            initializers.put(tensor.name(), value);
        }
        return initializers;
    }

    /** ONNX name of each anonymous MatMul weight → the HF name of the Linear layer it belongs to. */
    private static Map<String, String> matMulNames(OnnxModelParser.Graph graph) {
        Map<String, String> matMulNames = new HashMap<>();
        for (OnnxModelParser.Node node : graph.nodes()) {
            if (node.opType().equals("MatMul") && node.inputs().size() == 2
                    && node.inputs().get(1).startsWith(MATMUL_WEIGHT_PREFIX)) {
                matMulNames.put(node.inputs().get(1), hfWeightName(node.name()));
            }
        }
        return matMulNames;
    }

    private static BertWeights weightsOf(OnnxModelParser.Graph graph) {
        Map<String, String> matMulNames = matMulNames(graph);
        BertWeights weights = new BertWeights();
        for (OnnxModelParser.Tensor tensor : graph.initializers()) {
            if (tensor.floats() == null) {
                continue; // int64 buffers such as embeddings.position_ids are recomputed in the graph
            }
            ArrayTensor array = new ArrayTensor(tensor.floats(), toIntDims(tensor));
            if (!tensor.name().startsWith(MATMUL_WEIGHT_PREFIX)) {
                weights.put(tensor.name(), array);
                continue;
            }
            String name = matMulNames.get(tensor.name());
            if (name == null) {
                throw new ModelFormatException("MatMul weight consumed by no recognised MatMul node (got "
                        + tensor.name() + ")");
            }
            weights.put(name, array.transpose2d()); // [in, out] → [out, in]
        }
        return weights;
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query.weight}. */
    static String hfWeightName(String matMulNodeName) {
        if (!matMulNodeName.startsWith("/") || !matMulNodeName.endsWith(MATMUL_SUFFIX)) {
            throw new ModelFormatException("MatMul node name does not follow /module/path/MatMul (got "
                    + matMulNodeName + ")");
        }
        String path = matMulNodeName.substring(1, matMulNodeName.length() - MATMUL_SUFFIX.length());
        return path.replace('/', '.') + ".weight";
    }

    private static BertConfig inferConfig(OnnxModelParser.Graph graph, BertWeights weights, int defaultHeads) {
        ArrayTensor words = weights.get("embeddings.word_embeddings.weight");
        int hidden = words.dim(1);
        int layers = 0;
        while (weights.has(BertWeights.layer(layers, "attention.self.query.weight"))) {
            layers++;
        }
        if (layers == 0) {
            throw new ModelFormatException("no encoder layers found (got no encoder.layer.0.attention.self.query)");
        }
        return new BertConfig(
                words.dim(0),
                hidden,
                layers,
                headsFromGraph(graph, hidden).orElse(defaultHeads),
                weights.get(BertWeights.layer(0, "intermediate.dense.weight")).dim(0),
                weights.get("embeddings.position_embeddings.weight").dim(0),
                weights.get("embeddings.token_type_embeddings.weight").dim(0),
                epsFromGraph(graph).orElse(1e-12),
                "gelu",
                "bert",
                weights.has(BertWeights.QA_WEIGHT));
    }

    /** Head count from the [batch, seq, heads, headSize] Concat feeding the first attention Reshape. */
    static Optional<Integer> headsFromGraph(OnnxModelParser.Graph graph, int hidden) {
        Map<String, OnnxModelParser.Node> producers = producers(graph);
        for (OnnxModelParser.Node node : graph.nodes()) {
            if (!node.opType().equals("Reshape") || !node.name().contains(ATTENTION_RESHAPE)) {
                continue;
            }
            OnnxModelParser.Node concat = producers.get(node.inputs().get(1));
            if (concat == null || !concat.opType().equals("Concat")) {
                continue;
            }
            List<Long> constants = concat.inputs().stream()
                    .map(producers::get)
                    .filter(p -> p != null && p.value() != null && p.value().longs() != null
                            && p.value().longs().length == 1)
                    .map(p -> p.value().longs()[0])
                    .toList();
            if (constants.size() == 2 && constants.get(0) * constants.get(1) == hidden) {
                return Optional.of(constants.get(0).intValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> epsFromGraph(OnnxModelParser.Graph graph) {
        Map<String, OnnxModelParser.Node> producers = producers(graph);
        return graph.nodes().stream()
                .filter(n -> n.name().equals(EMBEDDINGS_LAYER_NORM_ADD))
                .flatMap(n -> n.inputs().stream())
                .map(producers::get)
                .filter(p -> p != null && p.value() != null && p.value().floats() != null
                        && p.value().floats().length == 1)
                .map(p -> Double.parseDouble(Float.toString(p.value().floats()[0]))) // 1e-12f → 1e-12, not 9.99e-13
                .findFirst();
    }

    private static Map<String, OnnxModelParser.Node> producers(OnnxModelParser.Graph graph) {
        Map<String, OnnxModelParser.Node> producers = new HashMap<>();
        for (OnnxModelParser.Node node : graph.nodes()) {
            node.outputs().forEach(output -> producers.put(output, node));
        }
        return producers;
    }

    private static int[] toIntDims(OnnxModelParser.Tensor tensor) {
        int[] dims = new int[tensor.dims().length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(tensor.dims()[i]);
        }
        return dims;
    }
}
