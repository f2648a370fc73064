package dev.attentionqa.qa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    @Test
    void splitsOnFullStopsAndKeepsOffsetsIntoTheContext() {
        String context = "Attention is useful. It helps models focus!  Does it scale?";
        List<Sentence> sentences = splitter.split(context);
        assertThat(sentences).extracting(Sentence::text)
                .containsExactly("Attention is useful.", "It helps models focus!", "Does it scale?");
        sentences.forEach(s -> assertThat(context.substring(s.start(), s.end())).isEqualTo(s.text()));
    }

    @Test
    void endsASentenceAtEveryLineBreak() {
        String context = "1. Handling Long-Range Dependencies\n- Explanation: RNNs struggle. Attention helps";
        assertThat(splitter.split(context)).extracting(Sentence::text)
                .containsExactly("1. Handling Long-Range Dependencies", "- Explanation: RNNs struggle.", "Attention helps");
    }

    @Test
    void joinsFragmentsWithoutWordsToTheNextSentence() {
        String context = "Intro.\n2.\nParallelization and Efficiency";
        assertThat(splitter.split(context)).extracting(Sentence::text)
                .containsExactly("Intro.", "2.\nParallelization and Efficiency");
    }

    @Test
    void joinsATrailingFragmentToTheSentenceBeforeAndFindsNoSentenceInFragmentsAlone() {
        assertThat(splitter.split("Intro here.\n3.")).extracting(Sentence::text).containsExactly("Intro here.\n3.");
        assertThat(splitter.split("... 42 !!")).isEmpty();
    }

    @Test
    void doesNotBreakAfterInitialsOrTitles() {
        String context = "Tesla met Alfred S. Brown and Charles F. Peck. They visited St. Peter's Basilica. Dr. Who left.";
        assertThat(splitter.split(context)).extracting(Sentence::text).containsExactly(
                "Tesla met Alfred S. Brown and Charles F. Peck.", "They visited St. Peter's Basilica.", "Dr. Who left.");
    }

    @Test
    void skipsBlankLinesAndReturnsNothingForWhiteSpace() {
        assertThat(splitter.split("  \n\n \t")).isEmpty();
        assertThat(splitter.split("One.\n\n\nTwo.")).hasSize(2);
    }

    @Test
    void keepsOffsetsRightAroundEmoji() {
        String context = "Emoji 😀 here. 東京 is big.";
        List<Sentence> sentences = splitter.split(context);
        sentences.forEach(s -> assertThat(context.substring(s.start(), s.end())).isEqualTo(s.text()));
        assertThat(sentences).hasSize(2);
    }
}
