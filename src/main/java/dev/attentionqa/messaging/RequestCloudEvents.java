package dev.attentionqa.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Requests that come as CloudEvents 1.0 (Kafka protocol binding): in binary mode the {@code ce_*} headers carry the
 * attributes and the value is the request itself; in structured mode ({@code content-type:
 * application/cloudevents+json}) the value is the event, whose {@code data} is the request. Read here rather than by
 * the connector ({@code cloud-events=false} on the request channel): its structured support parses the value before
 * the worker sees it, so a malformed event would stop the channel instead of being dead-lettered, and a valid one
 * would lose the bytes the dead-letter contract keeps.
 */
final class RequestCloudEvents {

    /** How a request arrived; its answer comes the same way. */
    enum Mode { NONE, BINARY, STRUCTURED }

    static final String SPEC_VERSION_HEADER = "ce_specversion";
    static final String ID_HEADER = "ce_id";
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    private RequestCloudEvents() {
    }

    static Mode mode(Headers headers) {
        if (headers.lastHeader(SPEC_VERSION_HEADER) != null) {
            return Mode.BINARY;
        }
        Header contentType = headers.lastHeader("content-type");
        if (contentType != null && contentType.value() != null && new String(contentType.value(), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT).startsWith(STRUCTURED_CONTENT_TYPE)) {
            return Mode.STRUCTURED;
        }
        return Mode.NONE;
    }

    /**
     * The request bytes: the record's value, or a structured event's {@code data} (a JSON value, or
     * {@code data_base64}). A structured event that is no JSON object, or has neither, is refused like any
     * malformed request.
     */
    static byte[] request(ConsumerRecord<String, byte[]> record, ObjectMapper json) {
        if (mode(record.headers()) != Mode.STRUCTURED || record.value() == null) {
            return record.value();
        }
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(RejectReason.MALFORMED_JSON,
                    "structured CloudEvent is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException(RejectReason.MALFORMED_JSON, "structured CloudEvent unreadable: " + e);
        }
        if (event == null || !event.isObject()) {
            throw new InvalidRequestException(RejectReason.NOT_AN_OBJECT, "structured CloudEvent must be a JSON object");
        }
        JsonNode data = event.get("data");
        if (data != null && !data.isNull()) {
            return data.isTextual() ? data.textValue().getBytes(StandardCharsets.UTF_8) : data.toString().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode base64 = event.get("data_base64");
        if (base64 != null && base64.isTextual()) {
            try {
                return Base64.getDecoder().decode(base64.textValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(RejectReason.WRONG_TYPE, "field 'data_base64' is not base64");
            }
        }
        throw new InvalidRequestException(RejectReason.MISSING_FIELD,
                "structured CloudEvent has neither 'data' nor 'data_base64'");
    }
}
