package dev.attentionqa.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw data. Only F32 is supported; each tensor is memory-mapped and
 * copied once into its float[].
 */
public final class SafetensorsReader {

    /** The only dtype this engine reads. */
    public static final String F32 = "F32";
    private static final String METADATA = "__metadata__";
    /** Older checkpoints store the I64 buffer {@code embeddings.position_ids}; the graph computes positions itself. */
    private static final String POSITION_IDS_BUFFER = "embeddings.position_ids";
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsReader() {
    }

    /** Reads every tensor of the file into weights (a leading {@code bert.} is stripped from names). */
    public static BertWeights read(Path file) {
        BertWeights weights = new BertWeights();
        readAll(file).forEach(weights::put);
        return weights;
    }

    /** Every tensor of the file under its name as written, in file order ({@code position_ids} buffers skipped). */
    public static Map<String, ArrayTensor> readAll(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long headerBytes = headerLength(channel, file);
            JsonNode header = new ObjectMapper().readTree(readBytes(channel, Long.BYTES, (int) headerBytes).array());
            Map<String, ArrayTensor> tensors = new java.util.LinkedHashMap<>();
            long dataStart = Long.BYTES + headerBytes;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals(METADATA) && !entry.getKey().endsWith(POSITION_IDS_BUFFER)) {
                    tensors.put(entry.getKey(), tensor(channel, file, dataStart, entry.getKey(), entry.getValue()));
                }
            }
            return tensors;
        } catch (IOException e) {
            throw new ModelFormatException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static long headerLength(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < Long.BYTES) {
            throw new ModelFormatException("safetensors file too short for its header length: " + file
                    + " (got " + size + " bytes)");
        }
        long length = readBytes(channel, 0, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (length <= 0 || length > MAX_HEADER_BYTES || length > size - Long.BYTES) {
            throw new ModelFormatException("safetensors header length must be in (0, " + Math.min(MAX_HEADER_BYTES,
                    size - Long.BYTES) + "] for " + file + " (got " + length + ")");
        }
        return length;
    }

    private static ArrayTensor tensor(FileChannel channel, Path file, long dataStart, String name, JsonNode spec)
            throws IOException {
        String dtype = spec.path("dtype").asText("<missing>");
        if (!F32.equals(dtype)) {
            throw new UnsupportedModelException("tensor " + name + " in " + file + " must have dtype " + F32
                    + " (got " + dtype + ")");
        }
        int[] shape = new int[spec.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.path("shape").get(i).asInt();
        }
        long begin = spec.path("data_offsets").path(0).asLong(-1);
        long end = spec.path("data_offsets").path(1).asLong(-1);
        long expected = ArrayTensor.elementCount(shape) * Float.BYTES;
        if (begin < 0 || end - begin != expected || dataStart + end > channel.size()) {
            throw new ModelFormatException("tensor " + name + " in " + file + " needs " + expected
                    + " bytes inside the file (got data_offsets [" + begin + ", " + end + "])");
        }
        float[] data = new float[(int) (expected / Float.BYTES)];
        channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, expected)
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new ArrayTensor(data, shape);
    }

    private static ByteBuffer readBytes(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new ModelFormatException("unexpected end of safetensors file at byte "
                        + (position + buffer.position()) + " (got " + channel.size() + " bytes)");
            }
        }
        return buffer.flip();
    }
}
