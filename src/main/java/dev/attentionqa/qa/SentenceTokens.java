package dev.attentionqa.qa;

import dev.attentionqa.tokenize.TokenizedText;

import java.util.ArrayList;
import java.util.List;

/**
 * The context tokenized once and cut at sentence boundaries: each sentence gets the tokens that start
 * inside it, so word ids and offsets stay those of the whole context.
 */
final class SentenceTokens {

    private SentenceTokens() {
    }

    static List<TokenizedText> of(TokenizedText context, List<Sentence> sentences) {
        List<TokenizedText> perSentence = new ArrayList<>(sentences.size());
        int token = 0;
        for (Sentence sentence : sentences) {
            while (token < context.size() && context.starts()[token] < sentence.start()) {
                token++; // white space or a fragment between sentences
            }
            int from = token;
            while (token < context.size() && context.starts()[token] < sentence.end()) {
                token++;
            }
            perSentence.add(context.slice(from, token));
        }
        return perSentence;
    }
}
