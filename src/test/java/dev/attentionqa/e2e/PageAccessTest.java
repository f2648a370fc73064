package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With the page on, its API answers only a caller with the token: 401 without one or with a wrong one. */
@QuarkusTest
@TestProfile(PageEnabledProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class PageAccessTest {

    private static final String BODY = "{\"question\":\"Why?\",\"context\":\"Attention helps models focus.\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Test
    void refusesTheApiWithoutTheToken() throws Exception {
        assertThat(get("api/answers", null).statusCode()).isEqualTo(401);
        assertThat(get("api/answers/stream", null).statusCode()).isEqualTo(401);
        assertThat(post("api/questions", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get("api/answers", "Bearer not-the-token-0123456789");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"attention-qa-worker\"");
        assertThat(wrong.body()).doesNotContain(PageEnabledProfile.TOKEN);
        assertThat(get("api/answers", PageEnabledProfile.TOKEN).statusCode()).as("a token without 'Bearer '")
                .isEqualTo(401);
    }

    @Test
    void answersWithTheToken() throws Exception {
        HttpResponse<String> answers = get("api/answers", "Bearer " + PageEnabledProfile.TOKEN);
        assertThat(answers.statusCode()).isEqualTo(200);
        assertThat(answers.body()).startsWith("[");
        HttpResponse<String> accepted = post("api/questions", "Bearer " + PageEnabledProfile.TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"id\"");
        assertThat(get("", null).statusCode()).as("the static page itself").isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
