package dev.attentionqa.qa;

import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.WordWeight;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an explanation shows people: its heaviest context words that carry content. Stop words (the Snowball English
 * list, as Lucene ships it) and words made only of punctuation or symbols ({@code .}, {@code –}, {@code $}) are left
 * out of the shown list; the weights are untouched, and faithfulness measures rank every word.
 */
public final class ContentWords {

    private static final String SNOWBALL_ENGLISH = "english_stop.txt";
    private static final CharArraySet STOP_WORDS = load();

    private ContentWords() {
    }

    /** Whether {@code word} is shown: not a stop word (any case) and holding a letter or a digit. */
    public static boolean isContent(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit) && !STOP_WORDS.contains(word);
    }

    /** The explanation with its context words cut to the {@code n} heaviest content words (question words as they are). */
    public static Explanation top(Explanation explanation, int n) {
        List<WordWeight> shown = explanation.context().stream().filter(w -> isContent(w.word())).limit(n).toList();
        return new Explanation(explanation.method(), explanation.layers(), explanation.question(), shown);
    }

    private static CharArraySet load() {
        try (InputStream in = SnowballFilter.class.getResourceAsStream(SNOWBALL_ENGLISH)) {
            if (in == null) {
                throw new IllegalStateException("Lucene's " + SNOWBALL_ENGLISH + " is missing from the classpath");
            }
            CharArraySet words = WordlistLoader.getSnowballWordSet(new InputStreamReader(in, StandardCharsets.UTF_8));
            CharArraySet ignoringCase = new CharArraySet(words.size(), true);
            ignoringCase.addAll(words);
            return CharArraySet.unmodifiableSet(ignoringCase);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lucene's " + SNOWBALL_ENGLISH, e);
        }
    }
}
