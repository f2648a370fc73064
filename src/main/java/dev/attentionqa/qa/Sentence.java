package dev.attentionqa.qa;

/** A sentence of the context; {@code start}/{@code end} are UTF-16 offsets into the context string. */
public record Sentence(int start, int end, String text) {
}
