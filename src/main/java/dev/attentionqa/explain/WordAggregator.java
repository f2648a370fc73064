package dev.attentionqa.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Merges word-piece weights into whole words with character offsets, normalised to sum to 1. */
public final class WordAggregator {

    private WordAggregator() {
    }

    /**
     * @param text    the string the offsets index
     * @param wordIds word index of each token (pieces of one word share it)
     * @param starts  token start offsets (UTF-16)
     * @param ends    token end offsets (UTF-16)
     * @param weights one weight per token
     * @return words in text order; a word's weight is the sum of its pieces', all divided by the total
     */
    public static List<WordWeight> words(String text, int[] wordIds, int[] starts, int[] ends, double[] weights) {
        if (weights.length != wordIds.length) {
            throw new IllegalArgumentException("one weight per token needed (got " + weights.length
                    + " weights for " + wordIds.length + " tokens)");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        List<WordWeight> words = new ArrayList<>();
        int i = 0;
        while (i < wordIds.length) {
            int j = i;
            double sum = 0;
            while (j < wordIds.length && wordIds[j] == wordIds[i]) {
                sum += weights[j++];
            }
            int start = starts[i];
            int end = ends[j - 1];
            words.add(new WordWeight(text.substring(start, end), start, end, total > 0 ? sum / total : 0));
            i = j;
        }
        return words;
    }

    /** The {@code n} heaviest words, heaviest first (ties keep text order). */
    public static List<WordWeight> top(List<WordWeight> words, int n) {
        return words.stream()
                .sorted(Comparator.comparingDouble(WordWeight::weight).reversed())
                .limit(n)
                .toList();
    }
}
