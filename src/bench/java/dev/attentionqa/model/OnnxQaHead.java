package dev.attentionqa.model;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static dev.attentionqa.model.OnnxModelParser.GRAPH_INITIALIZER;
import static dev.attentionqa.model.OnnxModelParser.GRAPH_NODE;
import static dev.attentionqa.model.OnnxModelParser.MODEL_GRAPH;
import static dev.attentionqa.model.OnnxModelParser.NODE_INPUT;
import static dev.attentionqa.model.OnnxModelParser.NODE_NAME;
import static dev.attentionqa.model.OnnxModelParser.NODE_OP_TYPE;
import static dev.attentionqa.model.OnnxModelParser.NODE_OUTPUT;
import static dev.attentionqa.model.OnnxModelParser.TENSOR_DATA_TYPE;
import static dev.attentionqa.model.OnnxModelParser.TENSOR_DIMS;
import static dev.attentionqa.model.OnnxModelParser.TENSOR_NAME;
import static dev.attentionqa.model.OnnxModelParser.TENSOR_RAW_DATA;

/**
 * Adds a span head to a BERT ONNX model: {@code qa_logits = last_hidden_state · Wᵀ + b}, [batch, seq, 2] (start
 * logits in column 0, end logits in column 1), as Hugging Face's {@code BertForQuestionAnswering.qa_outputs} computes
 * them. With the encoder's initializers replaced, ONNX Runtime then runs the same span model as the TF graph. Like
 * {@link OnnxAttentionOutputs}, it appends a second {@code ModelProto.graph} that protobuf merges into the first.
 */
public final class OnnxQaHead {

    /** Name of the added graph output. */
    public static final String QA_LOGITS = "qa_logits";

    private static final String HIDDEN = "last_hidden_state";
    private static final String KERNEL = "qa_outputs.kernel";
    private static final String BIAS = "qa_outputs.bias";
    private static final String MATMUL_OUT = "/qa_outputs/MatMul_output_0";

    private OnnxQaHead() {
    }

    /**
     * The model with the head added; {@code weight} is HF's [2, hidden] and {@code bias} [2]
     * ({@link BertWeights#QA_WEIGHT}, {@link BertWeights#QA_BIAS}).
     */
    public static byte[] add(byte[] onnx, ArrayTensor weight, ArrayTensor bias) {
        if (weight.rank() != 2 || weight.dim(0) != 2 || bias.rank() != 1 || bias.dim(0) != 2) {
            throw new ModelFormatException("a span head is [2, hidden] and [2] (got "
                    + Arrays.toString(weight.shape()) + " and " + Arrays.toString(bias.shape()) + ")");
        }
        try {
            ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
            CodedOutputStream graph = CodedOutputStream.newInstance(graphBytes);
            graph.writeByteArray(GRAPH_INITIALIZER, floatTensor(KERNEL, weight.transpose2d())); // ONNX MatMul: [in, out]
            graph.writeByteArray(GRAPH_INITIALIZER, floatTensor(BIAS, bias));
            graph.writeByteArray(GRAPH_NODE, node("/qa_outputs/MatMul", "MatMul", HIDDEN, KERNEL, MATMUL_OUT));
            graph.writeByteArray(GRAPH_NODE, node("/qa_outputs/Add", "Add", MATMUL_OUT, BIAS, QA_LOGITS));
            graph.flush();
            byte[] outputs = OnnxAttentionOutputs.outputsGraph(List.of(QA_LOGITS));
            ByteArrayOutputStream out = new ByteArrayOutputStream(onnx.length + graphBytes.size() + outputs.length + 16);
            out.write(onnx);
            CodedOutputStream model = CodedOutputStream.newInstance(out);
            model.writeByteArray(MODEL_GRAPH, graphBytes.toByteArray());
            model.writeByteArray(MODEL_GRAPH, outputs);
            model.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite ONNX model in memory", e);
        }
    }

    /** NodeProto { input: a, b; output: out; name; op_type }. */
    private static byte[] node(String name, String op, String a, String b, String output) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream node = CodedOutputStream.newInstance(bytes);
        node.writeString(NODE_INPUT, a);
        node.writeString(NODE_INPUT, b);
        node.writeString(NODE_OUTPUT, output);
        node.writeString(NODE_NAME, name);
        node.writeString(NODE_OP_TYPE, op);
        node.flush();
        return bytes.toByteArray();
    }

    /** TensorProto { dims; data_type: FLOAT; name; raw_data: little-endian floats }. */
    private static byte[] floatTensor(String name, ArrayTensor value) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(value.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(value.data());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream tensor = CodedOutputStream.newInstance(bytes);
        for (int d : value.shape()) {
            tensor.writeInt64(TENSOR_DIMS, d);
        }
        tensor.writeInt32(TENSOR_DATA_TYPE, OnnxModelParser.FLOAT);
        tensor.writeString(TENSOR_NAME, name);
        tensor.writeByteArray(TENSOR_RAW_DATA, raw.array());
        tensor.flush();
        return bytes.toByteArray();
    }
}
