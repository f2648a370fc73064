package dev.attentionqa.eval;

import java.io.PrintStream;

/** A one-line progress bar with rate and ETA, redrawn in place on stderr. */
final class Progress {

    private static final int WIDTH = 30;

    private Progress() {
    }

    static void print(PrintStream out, int done, int total, long startedNanos) {
        if (out == null || (done % 10 != 0 && done != total)) {
            return;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        int filled = (int) ((long) WIDTH * done / Math.max(total, 1));
        out.printf("\r[%s%s] %d/%d  %.1f q/s  ETA %s", "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, rate,
                format((total - done) / Math.max(rate, 1e-9)));
        if (done == total) {
            out.println();
        }
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
