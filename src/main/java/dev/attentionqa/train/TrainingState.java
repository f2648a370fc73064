package dev.attentionqa.train;

/**
 * Where a run stands: steps done of the total, the data it saw (questions, skipped, sequences), seconds spent so far
 * and the smoothed loss (exponential moving average, weight 0.98).
 */
public record TrainingState(TrainingRun run, long completedSteps, long totalSteps, int questions, int skipped,
                            int features, double seconds, double smoothedLoss) {

    TrainingState after(long steps, double moreSeconds, double loss) {
        double smoothed = completedSteps == 0 ? loss : 0.98 * smoothedLoss + 0.02 * loss;
        return new TrainingState(run, completedSteps + steps, totalSteps, questions, skipped, features,
                seconds + moreSeconds, smoothed);
    }
}
