package dev.attentionqa.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.eval.SquadQuestion;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed request mix of the end-to-end benchmark: short SQuAD paragraphs in file order, with every
 * {@code longEvery}-th request over the long essay (several encoder windows); explanations on, as by default.
 */
public final class MixSource {

    /** One request: its id (also the record key) and JSON value. */
    public record Request(String id, byte[] value) {
    }

    private final List<SquadQuestion> shortOnes;
    private final List<SquadQuestion> longOnes;
    private final ObjectMapper json;

    public MixSource(List<SquadQuestion> shortOnes, List<SquadQuestion> longOnes, ObjectMapper json) {
        if (shortOnes.isEmpty() || longOnes.isEmpty()) {
            throw new IllegalArgumentException("the mix needs short and long questions (got " + shortOnes.size()
                    + " and " + longOnes.size() + ")");
        }
        this.shortOnes = shortOnes;
        this.longOnes = longOnes;
        this.json = json;
    }

    /** {@code count} requests with ids {@code prefix-<n>}; the same questions in the same order every call. */
    public List<Request> requests(int count, int longEvery, String prefix) {
        List<Request> mix = new ArrayList<>(count);
        int s = 0;
        int l = 0;
        for (int n = 0; n < count; n++) {
            SquadQuestion q = longEvery > 0 && n % longEvery == longEvery - 1
                    ? longOnes.get(l++ % longOnes.size()) : shortOnes.get(s++ % shortOnes.size());
            String id = prefix + "-" + n;
            try {
                byte[] value = json.writeValueAsString(Map.of("id", id, "question", q.question(), "context", q.context()))
                        .getBytes(StandardCharsets.UTF_8);
                mix.add(new Request(id, value));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mix;
    }
}
