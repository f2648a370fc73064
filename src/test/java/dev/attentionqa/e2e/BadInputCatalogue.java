package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The catalogue of hostile request events in {@code e2e/bad-inputs.json}, turned into records. */
final class BadInputCatalogue {

    /** One case: the record to send and what must come of it (a dead-letter code, or "answered"). */
    record Case(String key, String expect, ProducerRecord<String, byte[]> record) {
        boolean answered() {
            return expect.equals("answered");
        }
    }

    private BadInputCatalogue() {
    }

    /** Keys are {@code case-<name>-<run>}: unique per run, as an external broker keeps earlier runs' records. */
    static List<Case> load(String topic) {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        try (InputStream in = BadInputCatalogue.class.getClassLoader().getResourceAsStream("e2e/bad-inputs.json")) {
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                String key = "case-" + c.get("name").asText() + "-" + run;
                var record = new ProducerRecord<>(topic, key, value(c, key));
                c.path("headers").fields().forEachRemaining(h ->
                        record.headers().add(h.getKey(), expand(c, h.getValue().asText()).getBytes(StandardCharsets.UTF_8)));
                cases.add(new Case(key, c.get("expect").asText(), record));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] value(JsonNode c, String key) {
        if (c.path("null").asBoolean(false)) {
            return null;
        }
        if (c.has("hex")) {
            return HexFormat.of().parseHex(c.get("hex").asText());
        }
        String text = expand(c, c.get("value").asText()).replace("\"id\":\"x\"", "\"id\":\"" + key + "\"");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String expand(JsonNode c, String text) {
        JsonNode repeat = c.get("repeat");
        return repeat == null ? text : text.replace("${R}", repeat.get("text").asText().repeat(repeat.get("times").asInt()));
    }
}
