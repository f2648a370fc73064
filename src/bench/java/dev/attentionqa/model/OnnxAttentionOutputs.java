package dev.attentionqa.model;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a BERT ONNX model so that every layer's attention Softmax is also a graph output, letting ONNX
 * Runtime serve as the oracle for attention probabilities. Appending a second {@code ModelProto.graph} field
 * works because protobuf merges repeated fields of a message that occurs twice.
 */
public final class OnnxAttentionOutputs {

    private static final Pattern SOFTMAX = Pattern.compile("/encoder/layer\\.(\\d+)/attention/self/Softmax");
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;

    /** The rewritten model and its added output names, ordered by layer. */
    public record Rewritten(byte[] model, List<String> attentionOutputs) {
    }

    private OnnxAttentionOutputs() {
    }

    /** Adds each layer's Softmax output ([batch, heads, seq, seq], FLOAT) to the graph outputs. */
    public static Rewritten addAttentionOutputs(byte[] onnx) {
        Map<Integer, String> byLayer = new TreeMap<>();
        try {
            for (OnnxModelParser.Node node : OnnxModelParser.parse(new ByteArrayInputStream(onnx), false).nodes()) {
                Matcher m = SOFTMAX.matcher(node.name());
                if (node.opType().equals("Softmax") && m.matches()) {
                    byLayer.put(Integer.parseInt(m.group(1)), node.outputs().get(0));
                }
            }
            if (byLayer.isEmpty()) {
                throw new ModelFormatException("no attention Softmax nodes found (got none named like "
                        + SOFTMAX + ")");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(onnx.length + 1024);
            out.write(onnx);
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.writeByteArray(MODEL_GRAPH, outputsGraph(byLayer.values()));
            coded.flush();
            return new Rewritten(out.toByteArray(), List.copyOf(byLayer.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite ONNX model in memory", e);
        }
    }

    /** A GraphProto holding only FLOAT outputs of these names, to be merged into a model's graph. */
    static byte[] outputsGraph(Iterable<String> names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream graph = CodedOutputStream.newInstance(bytes);
        for (String name : names) {
            graph.writeByteArray(GRAPH_OUTPUT, floatValueInfo(name));
        }
        graph.flush();
        return bytes.toByteArray();
    }

    /** ValueInfoProto { name, type { tensor_type { elem_type: FLOAT } } }. */
    private static byte[] floatValueInfo(String name) throws IOException {
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        CodedOutputStream tensor = CodedOutputStream.newInstance(tensorType);
        tensor.writeInt32(TENSOR_ELEM_TYPE, OnnxModelParser.FLOAT);
        tensor.flush();
        ByteArrayOutputStream typeProto = new ByteArrayOutputStream();
        CodedOutputStream type = CodedOutputStream.newInstance(typeProto);
        type.writeByteArray(TYPE_TENSOR, tensorType.toByteArray());
        type.flush();
        ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
        CodedOutputStream info = CodedOutputStream.newInstance(valueInfo);
        info.writeString(VALUE_INFO_NAME, name);
        info.writeByteArray(VALUE_INFO_TYPE, typeProto.toByteArray());
        info.flush();
        return valueInfo.toByteArray();
    }
}
