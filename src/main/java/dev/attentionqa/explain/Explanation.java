package dev.attentionqa.explain;

import java.util.List;

/**
 * Why the model picked an answer: word weights over the question and the context.
 *
 * @param method   how the weights were computed ({@code attention}: head-averaged attention of one layer)
 * @param layers   the encoder layers (0-based) the weights come from
 * @param question every question word, in text order, weights summing to 1
 * @param context  the most-attended context words, heaviest first, weights normalised over all context words
 */
public record Explanation(String method, List<Integer> layers, List<WordWeight> question, List<WordWeight> context) {
}
