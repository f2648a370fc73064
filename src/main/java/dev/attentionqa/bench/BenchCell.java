package dev.attentionqa.bench;

/**
 * One measured batch×seq cell: sequences per second for each engine and TF/reference over all rounds, and the
 * spread of the per-round ratios (each round times TF, then the reference, back to back: drift in the machine's
 * speed shows as spread instead of bias).
 */
public record BenchCell(int batch, int seq, double tfSeqPerS, double ortSeqPerS, double ratio, double roundRatioMin,
                        double roundRatioMedian, double roundRatioMax) {
}
