package dev.attentionqa.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes weights as a safetensors file, the way Hugging Face's {@code save_file} lays it out. */
public final class SafetensorsWriter {

    private SafetensorsWriter() {
    }

    /** Writes every tensor as F32 under the given names. */
    public static void write(Path file, Map<String, ArrayTensor> tensors) throws IOException {
        write(file, tensors, SafetensorsReader.F32);
    }

    /** Writes every tensor as F16 (nearest half, ties to even): half the bytes, read back widened to float32. */
    public static void writeFloat16(Path file, Map<String, ArrayTensor> tensors) throws IOException {
        write(file, tensors, SafetensorsReader.F16);
    }

    /** Writes every tensor, declaring {@code dtype} in the header; the bytes are F16 for F16 and F32 otherwise. */
    static void write(Path file, Map<String, ArrayTensor> tensors, String dtype) throws IOException {
        int width = dtype.equals(SafetensorsReader.F16) ? Short.BYTES : Float.BYTES;
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, ArrayTensor> entry : tensors.entrySet()) {
            ObjectNode spec = header.putObject(entry.getKey());
            spec.put("dtype", dtype);
            for (int dim : entry.getValue().shape()) {
                spec.withArray("shape").add(dim);
            }
            long bytes = (long) entry.getValue().data().length * width;
            spec.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        StringBuilder text = new StringBuilder(json.writeValueAsString(header));
        while (text.length() % 8 != 0) {
            text.append(' ');
        }
        byte[] headerBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
            out.write(headerBytes);
            for (ArrayTensor tensor : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate(tensor.data().length * width).order(ByteOrder.LITTLE_ENDIAN);
                if (width == Short.BYTES) {
                    for (float v : tensor.data()) {
                        data.putShort(Float16.fromFloat(v));
                    }
                } else {
                    data.asFloatBuffer().put(tensor.data());
                }
                out.write(data.array());
            }
        }
    }
}
