package dev.attentionqa.qa;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a context into sentences with character offsets. Line breaks always end a sentence (headings and
 * list items rarely end with a full stop); inside a line, {@link BreakIterator}'s sentence rules apply.
 * Fragments with fewer than two letters (a list number such as "1.") are joined to the next sentence, or to
 * the previous one at the end of the text; a text of fragments only has no sentence.
 * A break after an initial or a title ("J. P. Morgan", "St. Peter's") is undone.
 * Offsets exclude surrounding white space, so {@code context.substring(start, end)} is the sentence.
 */
public final class SentenceSplitter {

    private static final java.util.regex.Pattern ABBREVIATION = java.util.regex.Pattern.compile(
            "(?:^|[\\s(.\\-])(?:\\p{Lu}|St|Mr|Mrs|Ms|Dr|Jr|Sr|Prof|Gen|Gov|Lt|Col|Capt|Mt|Rev|Sen|Rep|Ft|v|vs|Inc|Co|Corp)\\.$");

    public List<Sentence> split(String context) {
        List<int[]> spans = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= context.length()) {
            int lineEnd = context.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = context.length();
            }
            splitLine(context, lineStart, lineEnd, spans);
            lineStart = lineEnd + 1;
        }
        return toSentences(context, joinFragments(context, spans));
    }

    private static void splitLine(String context, int from, int to, List<int[]> spans) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(context.substring(from, to));
        int start = it.first();
        int[] open = null; // a span that ended on an abbreviation and goes on in the next one
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int[] trimmed = trim(context, from + start, from + end);
            if (trimmed[1] <= trimmed[0]) {
                continue;
            }
            if (open != null) {
                trimmed[0] = open[0];
            }
            open = endsWithAbbreviation(context, trimmed) ? trimmed : null;
            if (open == null) {
                spans.add(trimmed);
            }
        }
        if (open != null) {
            spans.add(open);
        }
    }

    /** "J. P. Morgan", "St. Peter's": BreakIterator ends a sentence there; initials and titles do not. */
    private static boolean endsWithAbbreviation(String context, int[] span) {
        return ABBREVIATION.matcher(context.substring(Math.max(span[0], span[1] - 6), span[1])).find();
    }

    private static List<int[]> joinFragments(String context, List<int[]> spans) {
        List<int[]> joined = new ArrayList<>();
        int[] pending = null;
        for (int[] span : spans) {
            if (pending != null) {
                span = new int[] {pending[0], span[1]};
                pending = null;
            }
            if (hasLetterOrDigitRun(context, span)) {
                joined.add(span);
            } else {
                pending = span;
            }
        }
        if (pending != null && !joined.isEmpty()) {
            // A trailing fragment ("3." at the very end) belongs to the sentence before it.
            joined.set(joined.size() - 1, new int[] {joined.get(joined.size() - 1)[0], pending[1]});
        }
        return joined;
    }

    /** True for real sentences; false for "1." or "-" alone, which belong to what follows. */
    private static boolean hasLetterOrDigitRun(String context, int[] span) {
        int letters = 0;
        for (int i = span[0]; i < span[1]; i++) {
            if (Character.isLetter(context.charAt(i))) {
                letters++;
            }
        }
        return letters >= 2;
    }

    private static int[] trim(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return new int[] {from, to};
    }

    private static List<Sentence> toSentences(String context, List<int[]> spans) {
        List<Sentence> sentences = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            sentences.add(new Sentence(span[0], span[1], context.substring(span[0], span[1])));
        }
        return sentences;
    }
}
