package dev.attentionqa.explain;

/** How much attention one word received; {@code start}/{@code end} are UTF-16 offsets into its source string. */
public record WordWeight(String word, int start, int end, double weight) {
}
