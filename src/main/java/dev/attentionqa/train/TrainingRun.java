package dev.attentionqa.train;

/**
 * What a training run was asked to do; saved with every checkpoint so that {@code --resume} continues the same run.
 * {@code limit} (0: all) cuts the questions read, {@code maxSteps} (0: all) the steps taken; {@code base} names the
 * encoder fine-tuned ({@link BaseEncoder#resolve}; null in checkpoints older than it: the default) and
 * {@code negatives} the share of questions that also get a paragraph without their answer ({@link NegativeExamples});
 * {@code holdoutArticles} of the file's last articles are not trained on ({@link HeldOutArticles}).
 */
public record TrainingRun(String data, int limit, int epochs, int batchSize, double learningRate, double warmup,
                          double weightDecay, double dropout, long seed, int maxSeqLen, int docStride,
                          int maxQuestionLen, long maxSteps, String base, double negatives,
                          int holdoutArticles) {

    public TrainingRun {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !(warmup >= 0 && warmup < 1)
                || !(weightDecay >= 0) || !(dropout >= 0 && dropout < 1) || limit < 0 || maxSteps < 0
                || !(negatives >= 0 && negatives <= 1) || holdoutArticles < 0) {
            throw new IllegalArgumentException("need epochs ≥ 1, batch size ≥ 1, learning rate > 0, warm-up in [0, 1),"
                    + " weight decay ≥ 0, dropout in [0, 1), limit, max steps and held-out articles ≥ 0, negatives in [0, 1] (got epochs " + epochs + ", batch size "
                    + batchSize + ", learning rate " + learningRate + ", warm-up " + warmup + ", weight decay " + weightDecay
                    + ", dropout " + dropout + ", limit " + limit + ", max steps " + maxSteps + ", negatives " + negatives
                    + ", held-out articles " + holdoutArticles + ")");
        }
    }

    /** The base encoder's name or path ({@link BaseEncoder#DEFAULT} for checkpoints that did not record one). */
    public String baseOrDefault() {
        return base == null ? BaseEncoder.DEFAULT : base;
    }
}
