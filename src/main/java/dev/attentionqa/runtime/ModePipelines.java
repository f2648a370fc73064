package dev.attentionqa.runtime;

import dev.attentionqa.qa.QaPipeline;

import java.util.Map;

/** The pipeline of each answer mode the worker serves ({@code span}, {@code sentence}). */
public record ModePipelines(Map<String, QaPipeline> byMode) {

    public ModePipelines {
        byMode = Map.copyOf(byMode);
    }
}
