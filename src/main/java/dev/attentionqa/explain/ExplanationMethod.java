package dev.attentionqa.explain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The ways an answer can be explained from attention; {@link #id()} is the name used in requests and answers. */
public enum ExplanationMethod {

    /** Head-averaged attention probabilities of one layer (the last unless configured). */
    ATTENTION("attention"),
    /** Attention rollout (Abnar &amp; Zuidema 2020): every layer's residual-mixed attention multiplied together. */
    ROLLOUT("rollout");

    private final String id;

    ExplanationMethod(String id) {
        this.id = id;
    }

    /** The method's name in the message contract. */
    public String id() {
        return id;
    }

    /** Every method's name, in declaration order. */
    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(m -> ids.add(m.id));
        return ids;
    }

    /** The method named {@code id}. */
    public static ExplanationMethod of(String id) {
        for (ExplanationMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("explanation method must be one of " + ids() + " (got \"" + id + "\")");
    }
}
