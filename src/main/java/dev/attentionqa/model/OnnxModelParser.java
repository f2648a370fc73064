package dev.attentionqa.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the parts of an ONNX {@code ModelProto} this engine needs (graph nodes, initializers, Constant
 * tensors) straight off the wire with protobuf's {@link CodedInputStream}; no ONNX classes are needed.
 */
final class OnnxModelParser {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    static final int INT64 = 7;

    // ONNX protobuf field numbers (onnx.proto3); package-private for the writers beside this class
    static final int MODEL_GRAPH = 7;
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_TENSOR = 5;
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT64_DATA = 7;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    private static final int CHUNK_BYTES = 1 << 20;

    /** One graph node; {@code value} is the tensor attribute of a Constant node, else null. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs, Tensor value) {
    }

    /** One tensor: floats for FLOAT, longs for INT64, neither for other types (skipped). */
    record Tensor(String name, int dataType, long[] dims, float[] floats, long[] longs) {
    }

    /** The parsed graph: nodes in file order and initializers. */
    record Graph(List<Node> nodes, List<Tensor> initializers) {
    }

    private OnnxModelParser() {
    }

    /** Parses a whole model; when {@code withInitializers} is false, initializer bytes are skipped unread. */
    static Graph parse(InputStream in, boolean withInitializers) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(in, CHUNK_BYTES);
        input.setSizeLimit(Integer.MAX_VALUE);
        List<Node> nodes = new ArrayList<>();
        List<Tensor> initializers = new ArrayList<>();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                int limit = input.pushLimit(input.readRawVarint32());
                parseGraph(input, withInitializers, nodes, initializers);
                input.popLimit(limit);
            } else {
                input.skipField(tag);
            }
        }
        return new Graph(nodes, initializers);
    }

    private static void parseGraph(CodedInputStream input, boolean withInitializers, List<Node> nodes,
            List<Tensor> initializers) throws IOException {
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == GRAPH_NODE) {
                int limit = input.pushLimit(input.readRawVarint32());
                nodes.add(parseNode(input));
                input.popLimit(limit);
            } else if (field == GRAPH_INITIALIZER && withInitializers) {
                int limit = input.pushLimit(input.readRawVarint32());
                initializers.add(parseTensor(input));
                input.popLimit(limit);
            } else {
                input.skipField(tag);
            }
        }
    }

    private static Node parseNode(CodedInputStream input) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        Tensor value = null;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(input.readString());
                case NODE_OUTPUT -> outputs.add(input.readString());
                case NODE_NAME -> name = input.readString();
                case NODE_OP_TYPE -> opType = input.readString();
                case NODE_ATTRIBUTE -> {
                    int limit = input.pushLimit(input.readRawVarint32());
                    Tensor attribute = parseAttributeTensor(input);
                    value = attribute != null ? attribute : value;
                    input.popLimit(limit);
                }
                default -> input.skipField(tag);
            }
        }
        return new Node(name, opType, List.copyOf(inputs), List.copyOf(outputs), value);
    }

    private static Tensor parseAttributeTensor(CodedInputStream input) throws IOException {
        Tensor tensor = null;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == ATTRIBUTE_TENSOR) {
                int limit = input.pushLimit(input.readRawVarint32());
                tensor = parseTensor(input);
                input.popLimit(limit);
            } else {
                input.skipField(tag);
            }
        }
        return tensor;
    }

    private static Tensor parseTensor(CodedInputStream input) throws IOException {
        TensorBuilder tensor = new TensorBuilder();
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int wireType = WireFormat.getTagWireType(tag);
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> readRepeated(input, wireType, () -> tensor.dims.add(input.readInt64()));
                case TENSOR_DATA_TYPE -> tensor.dataType = input.readInt32();
                case TENSOR_FLOAT_DATA -> readRepeated(input, wireType, () -> tensor.floatData.add(input.readFloat()));
                case TENSOR_INT64_DATA -> readRepeated(input, wireType, () -> tensor.longData.add(input.readInt64()));
                case TENSOR_NAME -> tensor.name = input.readString();
                case TENSOR_RAW_DATA -> tensor.readRaw(input);
                default -> input.skipField(tag);
            }
        }
        return tensor.build();
    }

    /** Reads one value of a repeated field and stores it. */
    private interface ValueReader {
        void readOne() throws IOException;
    }

    /** Reads a repeated scalar field, packed (one length-delimited run) or not (one value per tag). */
    private static void readRepeated(CodedInputStream input, int wireType, ValueReader reader) throws IOException {
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            reader.readOne();
            return;
        }
        int limit = input.pushLimit(input.readRawVarint32());
        while (input.getBytesUntilLimit() > 0) {
            reader.readOne();
        }
        input.popLimit(limit);
    }

    /** Collects a TensorProto's fields in whatever order they arrive. */
    private static final class TensorBuilder {
        private final List<Long> dims = new ArrayList<>();
        private final List<Float> floatData = new ArrayList<>();
        private final List<Long> longData = new ArrayList<>();
        private String name = "";
        private int dataType;
        private float[] rawFloats;
        private long[] rawLongs;

        /** Decodes little-endian raw_data in 1 MiB chunks, so only one full-size copy (the result) exists. */
        void readRaw(CodedInputStream input) throws IOException {
            int size = input.readRawVarint32();
            if (dataType == INT64) {
                rawLongs = new long[size / Long.BYTES];
                ByteBuffer.wrap(input.readRawBytes(size)).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(rawLongs);
                return;
            }
            if (dataType != FLOAT && dataType != 0) {
                input.skipRawBytes(size);
                return;
            }
            rawFloats = new float[size / Float.BYTES];
            for (int done = 0; done < size; ) {
                int chunk = Math.min(CHUNK_BYTES, size - done);
                ByteBuffer bytes = ByteBuffer.wrap(input.readRawBytes(chunk)).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().get(rawFloats, done / Float.BYTES, chunk / Float.BYTES);
                done += chunk;
            }
        }

        Tensor build() {
            long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
            float[] floats = rawFloats;
            if (floats == null && dataType == FLOAT) {
                floats = new float[floatData.size()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = floatData.get(i);
                }
            }
            long[] longs = rawLongs != null ? rawLongs : longData.stream().mapToLong(Long::longValue).toArray();
            return new Tensor(name, dataType, shape, dataType == FLOAT ? floats : null,
                    dataType == INT64 ? longs : null);
        }
    }
}
