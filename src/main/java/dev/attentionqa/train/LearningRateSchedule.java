package dev.attentionqa.train;

/** Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then linear decay to 0 at {@code totalSteps}. */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps) {

    public LearningRateSchedule {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need peak > 0 and 0 ≤ warm-up ≤ total steps, total ≥ 1 (got peak " + peak
                    + ", warm-up " + warmupSteps + ", total " + totalSteps + ")");
        }
    }

    /** The rate of 1-based step {@code t}. */
    public double at(long t) {
        if (t <= warmupSteps) {
            return peak * t / Math.max(1, warmupSteps);
        }
        return peak * Math.max(0, totalSteps - t) / Math.max(1, totalSteps - warmupSteps);
    }
}
