package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** By default the page and its API do not exist: nothing on the HTTP port shows answers or writes requests. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PageClosedByDefaultTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest(name = "GET /{0}")
    @ValueSource(strings = {"", "index.html", "page.js", "api/answers", "api/answers/stream"})
    void getIsNotFound(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve(path))
                .header("Authorization", "Bearer anything-at-all-0123").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "POST /{0}")
    @ValueSource(strings = {"api/questions"})
    void postIsNotFound(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"Why?\",\"context\":\"Because it helps.\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }
}
