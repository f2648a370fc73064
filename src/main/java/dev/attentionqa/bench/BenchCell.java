package dev.attentionqa.bench;

/** One measured batch×seq cell: sequences per second for each engine and TF/reference. */
public record BenchCell(int batch, int seq, double tfSeqPerS, double ortSeqPerS, double ratio) {
}
