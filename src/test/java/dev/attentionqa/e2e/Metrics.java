package dev.attentionqa.e2e;

import java.net.URI;
import java.time.Duration;

/** One scrape of {@code /q/metrics} (Prometheus text), read by series name or name with labels. */
record Metrics(String text) {

    static Metrics scrape(URI root) throws Exception {
        var response = Http.get(root.resolve("/q/metrics"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/q/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return new Metrics(response.body());
    }

    /** Scrapes until the sum of {@code name} grew by {@code growth} over {@code before}, or the timeout passed. */
    static Metrics awaitGrowth(URI root, Metrics before, String name, double growth, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Metrics now = scrape(root);
        while (now.sum(name) - before.sum(name) < growth && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = scrape(root);
        }
        Thread.sleep(500); // nothing more may arrive: a late extra count would show in the exact checks
        return scrape(root);
    }

    /** The value of one series, e.g. {@code name{a="b"}} (labels as the registry writes them, sorted), or 0. */
    double value(String series) {
        return text.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    /** The sum of every series of a name (all label sets), or 0. */
    double sum(String name) {
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * How much a series (exact, with labels) or a name (summed over labels) grew since {@code before}. The series must
     * be in this scrape (a missing one would read as 0 and let "grew by 0" pass); {@code before} may lack it.
     */
    double delta(Metrics before, String seriesOrName) {
        boolean present = text.lines().anyMatch(l -> seriesOrName.contains("{") ? l.startsWith(seriesOrName + " ")
                : l.startsWith(seriesOrName + " ") || l.startsWith(seriesOrName + "{"));
        if (!present) {
            throw new AssertionError("no series " + seriesOrName + " in the scrape");
        }
        return seriesOrName.contains("{")
                ? value(seriesOrName) - before.value(seriesOrName)
                : sum(seriesOrName) - before.sum(seriesOrName);
    }
}
