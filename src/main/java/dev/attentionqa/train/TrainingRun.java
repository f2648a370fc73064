package dev.attentionqa.train;

/**
 * What a training run was asked to do; saved with every checkpoint so that {@code --resume} continues the same run.
 * {@code limit} (0: all) cuts the questions read, {@code maxSteps} (0: all) the steps taken.
 */
public record TrainingRun(String data, int limit, int epochs, int batchSize, double learningRate, double warmup,
                          double weightDecay, double dropout, long seed, int maxSeqLen, int docStride,
                          int maxQuestionLen, long maxSteps) {

    public TrainingRun {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(warmup >= 0 && warmup < 1)
                || !(weightDecay >= 0) || !(dropout >= 0 && dropout < 1) || limit < 0 || maxSteps < 0) {
            throw new IllegalArgumentException("need epochs ≥ 1, batch size ≥ 1, learning rate > 0, warm-up in [0, 1),"
                    + " weight decay ≥ 0, dropout in [0, 1), limit and max steps ≥ 0 (got epochs " + epochs + ", batch size "
                    + batchSize + ", learning rate " + learningRate + ", warm-up " + warmup + ", weight decay " + weightDecay
                    + ", dropout " + dropout + ", limit " + limit + ", max steps " + maxSteps + ")");
        }
    }
}
