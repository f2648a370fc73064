package dev.attentionqa.model;

/** Which model answered: its name and revision, reported with every answer. */
public record ModelInfo(String name, String revision) {
}
