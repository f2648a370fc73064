package dev.attentionqa.qa;

import java.util.List;

/** What one window decodes to: its best spans, best first, and its no-answer score p_start[CLS]·p_end[CLS]. */
public record WindowSpans(List<TokenSpan> spans, double nullScore) {
}
