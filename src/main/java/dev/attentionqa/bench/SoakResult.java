package dev.attentionqa.bench;

import java.util.List;

/**
 * RSS over a soak run: samples {@code [inferences done, RSS KiB]}, and the growth from the first sample after
 * warm-up to the last, in percent.
 */
public record SoakResult(int inferences, int warmUp, List<long[]> samples, long rssAfterWarmUpKib, long rssEndKib,
                         double growthPercent, double seconds) {
}
