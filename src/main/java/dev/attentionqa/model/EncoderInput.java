package dev.attentionqa.model;

import java.util.Arrays;

/**
 * One padded batch for the encoder: token ids, attention mask and segment ids, each [batch][seq], and for gradient
 * explanations the span each sequence's score is read on ({@code targets}, null otherwise).
 */
public record EncoderInput(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds, SpanTargets targets) {

    /** Rejects empty, ragged or mismatched arrays, naming the first offending row. */
    public EncoderInput {
        requireRectangular("inputIds", inputIds);
        requireRectangular("attentionMask", attentionMask);
        requireRectangular("tokenTypeIds", tokenTypeIds);
        requireSameShape("attentionMask", attentionMask, inputIds);
        requireSameShape("tokenTypeIds", tokenTypeIds, inputIds);
        if (targets != null && (targets.batchSize() != inputIds.length || targets.allowed()[0].length != inputIds[0].length)) {
            throw new InvalidEncoderInputException("targets should be [" + inputIds.length + "][" + inputIds[0].length
                    + "] like inputIds (got [" + targets.batchSize() + "][" + targets.allowed()[0].length + "])");
        }
    }

    /** A batch without span targets. */
    public EncoderInput(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
        this(inputIds, attentionMask, tokenTypeIds, null);
    }

    /** The same batch explaining {@code spans}. */
    public EncoderInput withTargets(SpanTargets spans) {
        return new EncoderInput(inputIds, attentionMask, tokenTypeIds, spans);
    }

    /** A batch with every position attended and every segment id 0 (equal-length sequences only). */
    public static EncoderInput unpadded(long[][] inputIds) {
        requireRectangular("inputIds", inputIds);
        long[][] ones = new long[inputIds.length][inputIds[0].length];
        for (long[] row : ones) {
            Arrays.fill(row, 1L);
        }
        return new EncoderInput(inputIds, ones, new long[inputIds.length][inputIds[0].length]);
    }

    /** Number of sequences. */
    public int batchSize() {
        return inputIds.length;
    }

    /** Padded length shared by all sequences. */
    public int seqLength() {
        return inputIds[0].length;
    }

    /** Checks the batch against a model: length within the position table, ids within the vocabularies (segment
     * ids only where the model has segment embeddings). */
    public void validateFor(BertConfig config) {
        if (seqLength() > config.maxSequenceLength()) {
            throw new InvalidEncoderInputException("sequence length exceeds the " + config.maxSequenceLength()
                    + " positions of max_position_embeddings " + config.maxPositions() + " (got " + seqLength() + ")");
        }
        requireRange("inputIds", inputIds, config.vocabSize());
        if (config.hasTokenTypeEmbeddings()) {
            requireRange("tokenTypeIds", tokenTypeIds, config.typeVocabSize());
        }
        requireRange("attentionMask", attentionMask, 2);
    }

    /** Row-major copy of a [batch][seq] array. */
    public static long[] flatten(long[][] rows) {
        int seq = rows[0].length;
        long[] flat = new long[rows.length * seq];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * seq, seq);
        }
        return flat;
    }

    private static void requireRectangular(String name, long[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new InvalidEncoderInputException(name + " must hold at least one sequence (got "
                    + (rows == null ? "null" : "0 rows") + ")");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new InvalidEncoderInputException(name + "[0] must hold at least one token (got "
                    + (rows[0] == null ? "null" : "length 0") + ")");
        }
        for (int b = 1; b < rows.length; b++) {
            if (rows[b] == null || rows[b].length != rows[0].length) {
                throw new InvalidEncoderInputException(name + " is ragged: row " + b + " should have length "
                        + rows[0].length + " like row 0 (got " + (rows[b] == null ? "null" : rows[b].length) + ")");
            }
        }
    }

    private static void requireSameShape(String name, long[][] rows, long[][] ids) {
        if (rows.length != ids.length || rows[0].length != ids[0].length) {
            throw new InvalidEncoderInputException(name + " should be [" + ids.length + "][" + ids[0].length
                    + "] like inputIds (got [" + rows.length + "][" + rows[0].length + "])");
        }
    }

    private static void requireRange(String name, long[][] rows, int limit) {
        for (int b = 0; b < rows.length; b++) {
            for (int s = 0; s < rows[b].length; s++) {
                if (rows[b][s] < 0 || rows[b][s] >= limit) {
                    throw new InvalidEncoderInputException(name + "[" + b + "][" + s + "] must be in [0, " + limit
                            + ") (got " + rows[b][s] + ")");
                }
            }
        }
    }
}
