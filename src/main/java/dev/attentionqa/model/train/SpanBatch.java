package dev.attentionqa.model.train;

import dev.attentionqa.model.EncoderInput;

/** One training batch: padded encoder input and, per sequence, the gold start and end positions (0 = [CLS]). */
public record SpanBatch(EncoderInput input, int[] startPositions, int[] endPositions) {

    public SpanBatch {
        if (startPositions.length != input.batchSize() || endPositions.length != input.batchSize()) {
            throw new IllegalArgumentException("one start and one end position per sequence (got " + input.batchSize()
                    + " sequences, " + startPositions.length + " starts, " + endPositions.length + " ends)");
        }
        for (int i = 0; i < startPositions.length; i++) {
            if (startPositions[i] < 0 || endPositions[i] < startPositions[i] || endPositions[i] >= input.seqLength()) {
                throw new IllegalArgumentException("sequence " + i + " needs 0 ≤ start ≤ end < " + input.seqLength()
                        + " (got start " + startPositions[i] + ", end " + endPositions[i] + ")");
            }
        }
    }
}
