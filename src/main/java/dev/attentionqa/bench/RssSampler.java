package dev.attentionqa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process from {@code /proc/self/status} (Linux), in KiB: heap and native memory alike. */
public final class RssSampler {

    private static final Path STATUS = Path.of("/proc/self/status");

    private RssSampler() {
    }

    public static long rssKib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS line in " + STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + " (RSS sampling needs Linux)", e);
        }
    }
}
