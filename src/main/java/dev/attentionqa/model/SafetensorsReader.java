package dev.attentionqa.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file: 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw data. F32 is copied as is; F16 (how the bundled span model is stored,
 * half the size) and BF16 are widened to float32 on reading.
 */
public final class SafetensorsReader {

    /** 32-bit floats. */
    public static final String F32 = "F32";
    /** IEEE half precision, widened to float32 on reading. */
    public static final String F16 = "F16";
    /** bfloat16, widened to float32 on reading. */
    public static final String BF16 = "BF16";
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

    /** Reads every tensor of a stream (a classpath resource) into weights; the caller closes the stream. */
    public static BertWeights read(InputStream in, String source) {
        try {
            BertWeights weights = new BertWeights();
            parse(ByteBuffer.wrap(in.readAllBytes()), source).forEach(weights::put);
            return weights;
        } catch (IOException e) {
            throw new ModelFormatException("cannot read safetensors " + source + ": " + e.getMessage(), e);
        }
    }

    /** Every tensor of the file under its name as written, in file order ({@code position_ids} buffers skipped). */
    public static Map<String, ArrayTensor> readAll(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new UnsupportedModelException("safetensors file over 2 GiB: " + file + " (got "
                        + channel.size() + " bytes)");
            }
            return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), file.toString());
        } catch (IOException e) {
            throw new ModelFormatException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, ArrayTensor> parse(ByteBuffer bytes, String source) throws IOException {
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        long headerBytes = headerLength(bytes, source);
        byte[] headerJson = new byte[(int) headerBytes];
        bytes.get(Long.BYTES, headerJson);
        JsonNode header = new ObjectMapper().readTree(headerJson);
        Map<String, ArrayTensor> tensors = new LinkedHashMap<>();
        long dataStart = Long.BYTES + headerBytes;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().equals(METADATA) && !entry.getKey().endsWith(POSITION_IDS_BUFFER)) {
                tensors.put(entry.getKey(), tensor(bytes, source, dataStart, entry.getKey(), entry.getValue()));
            }
        }
        return tensors;
    }

    private static long headerLength(ByteBuffer bytes, String source) {
        long size = bytes.limit();
        if (size < Long.BYTES) {
            throw new ModelFormatException("safetensors file too short for its header length: " + source
                    + " (got " + size + " bytes)");
        }
        long length = bytes.getLong(0);
        if (length <= 0 || length > MAX_HEADER_BYTES || length > size - Long.BYTES) {
            throw new ModelFormatException("safetensors header length must be in (0, " + Math.min(MAX_HEADER_BYTES,
                    size - Long.BYTES) + "] for " + source + " (got " + length + ")");
        }
        return length;
    }

    private static ArrayTensor tensor(ByteBuffer bytes, String source, long dataStart, String name, JsonNode spec) {
        String dtype = spec.path("dtype").asText("<missing>");
        int width = switch (dtype) {
            case F32 -> Float.BYTES;
            case F16, BF16 -> Short.BYTES;
            default -> throw new UnsupportedModelException("tensor " + name + " in " + source + " must have dtype "
                    + F32 + ", " + F16 + " or " + BF16 + " (got " + dtype + ")");
        };
        int[] shape = new int[spec.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.path("shape").get(i).asInt();
        }
        long begin = spec.path("data_offsets").path(0).asLong(-1);
        long end = spec.path("data_offsets").path(1).asLong(-1);
        long count = ArrayTensor.elementCount(shape);
        long expected = count * width;
        if (begin < 0 || end - begin != expected || dataStart + end > bytes.limit()) {
            throw new ModelFormatException("tensor " + name + " in " + source + " needs " + expected
                    + " bytes inside the file (got data_offsets [" + begin + ", " + end + "])");
        }
        ByteBuffer slice = bytes.slice((int) (dataStart + begin), (int) expected).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[(int) count];
        switch (dtype) {
            case F32 -> slice.asFloatBuffer().get(data);
            case F16 -> {
                ShortBuffer halves = slice.asShortBuffer();
                for (int i = 0; i < data.length; i++) {
                    data[i] = Float16.toFloat(halves.get(i));
                }
            }
            default -> {
                ShortBuffer bf = slice.asShortBuffer();
                for (int i = 0; i < data.length; i++) {
                    data[i] = Float.intBitsToFloat((bf.get(i) & 0xffff) << 16); // bfloat16 = the float's top half
                }
            }
        }
        return new ArrayTensor(data, shape);
    }
}
