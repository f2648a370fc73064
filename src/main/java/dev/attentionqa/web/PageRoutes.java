package dev.attentionqa.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.messaging.AnswerFeed;
import dev.attentionqa.messaging.PageRequests;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The page's API next to the static page at {@code /}: {@code GET /api/answers} (latest answers as a JSON array),
 * {@code GET /api/answers/stream} (server-sent events, one answer event per message) and
 * {@code POST /api/questions} ({@code {"question", "context", "options"?}} → 202 {@code {"id"}}, written to the
 * requests topic).
 * Closed by default: see {@link PageAccess}.
 */
@ApplicationScoped
public class PageRoutes {

    /** Largest accepted form body; the worker's own limits then apply to the request. */
    private static final long MAX_BODY_BYTES = 1 << 20;

    @Inject
    AnswerFeed feed;

    @Inject
    PageRequests requests;

    @Inject
    ObjectMapper json;

    @Inject
    WorkerConfig config;

    void routes(@Observes Router router) {
        PageAccess access = new PageAccess(config.page().enabled(), config.page().token());
        // before the static files and the API routes below
        router.routeWithRegex("/(index\\.html|page\\.js|page\\.css)?").order(-100).handler(access::checkPage);
        router.route("/api/*").order(-100).handler(access::check);
        router.get("/api/answers").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end("[" + String.join(",", feed.latest()) + "]"));
        router.get("/api/answers/stream").handler(this::stream);
        router.post("/api/questions").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/api/questions").handler(this::submit);
    }

    private void stream(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        response.write(": connected\n\n");
        Runnable unsubscribe = feed.subscribe(answer -> {
            if (!response.closed()) {
                response.write("data: " + answer + "\n\n");
            }
        });
        response.closeHandler(ignored -> unsubscribe.run());
    }

    private void submit(RoutingContext ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString());
        } catch (Exception e) {
            ctx.response().setStatusCode(400).end("body must be JSON {\"question\", \"context\"} (got " + e.getMessage() + ")");
            return;
        }
        if (body == null || !body.path("question").isTextual() || !body.path("context").isTextual()) {
            ctx.response().setStatusCode(400).end("body must be JSON {\"question\": string, \"context\": string}");
            return;
        }
        JsonNode options = body.get("options");
        if (options != null && !options.isObject()) {
            ctx.response().setStatusCode(400).end("\"options\" must be an object (got " + options.getNodeType() + ")");
            return;
        }
        // options go to the worker as they are: it checks them like any request's, refusing bad ones to the DLQ
        requests.submit(body.get("question").asText(), body.get("context").asText(), options).whenComplete((id, error) -> {
            if (error != null) {
                ctx.response().setStatusCode(503).end("could not write the request: " + error.getMessage());
            } else {
                ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                        .end(json.createObjectNode().put("id", id).toString());
            }
        });
    }
}
