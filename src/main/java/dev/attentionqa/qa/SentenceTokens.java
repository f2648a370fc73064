package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

import java.util.List;

/**
 * The context tokenized once and cut at sentence boundaries: each sentence gets the tokens that start
 * inside it, so word ids and offsets stay those of the whole context.
 */
final class SentenceTokens {

    private SentenceTokens() {
    }

    /** Per sentence, the {@code [from, to)} range of context tokens that start inside it. */
    static int[][] ranges(TokenizedText context, List<Sentence> sentences) {
        int[][] ranges = new int[sentences.size()][];
        int token = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            while (token < context.size() && context.starts()[token] < sentence.start()) {
                token++; // white space or a fragment between sentences
            }
            int from = token;
            while (token < context.size() && context.starts()[token] < sentence.end()) {
                token++;
            }
            ranges[s] = new int[] {from, token};
        }
        return ranges;
    }
}
