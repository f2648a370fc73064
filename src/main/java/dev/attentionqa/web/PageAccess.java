package dev.attentionqa.web;

import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the page's API, which shows other requests' answers and writes to the requests topic: nobody while
 * the page is off (404, as if it did not exist), and only a caller presenting the configured token
 * ({@code Authorization: Bearer <token>}) while it is on (401 otherwise).
 */
public final class PageAccess {

    public static final int MIN_TOKEN_CHARS = 16;
    private static final String BEARER = "Bearer ";

    private final boolean enabled;
    private final byte[] token;

    public PageAccess(boolean enabled, Optional<String> token) {
        this.enabled = enabled;
        // a missing or short token lets nobody in (ConfigCheck refuses to start with one)
        this.token = token.filter(t -> t.length() >= MIN_TOKEN_CHARS).map(t -> t.getBytes(StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** Lets the request through, or ends it with 404 (page off) or 401 (no or wrong credential). */
    public void check(RoutingContext ctx) {
        if (!enabled) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (token != null && header != null && header.startsWith(BEARER)
                && MessageDigest.isEqual(token, header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"attention-qa-worker\"")
                .end("the page's API needs Authorization: Bearer <QA_PAGE_TOKEN>");
    }

    /** The static page itself holds nothing secret; it is there only when the page is on. */
    public void checkPage(RoutingContext ctx) {
        if (enabled) {
            ctx.next();
        } else {
            ctx.response().setStatusCode(404).end();
        }
    }
}
