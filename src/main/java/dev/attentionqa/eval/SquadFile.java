package dev.attentionqa.eval;

import java.util.List;

/** A SQuAD data file: its questions and the official rules ({@link SquadVersion}) they are scored under. */
public record SquadFile(SquadVersion version, List<SquadQuestion> questions) {
}
