package io.cdnpurge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server that answers a Cloudflare purge the way Cloudflare does, at once, and keeps nothing: for
 * measuring the client's side of a call, where {@code FakeCloudflareApi}, which records every request for tests to
 * inspect, would grow its heap (and its collector's pauses) with every operation. Checks what Cloudflare checks
 * first (method, path, token) so a benchmark cannot measure a refused call without noticing.
 *
 * @see <a href="https://developers.cloudflare.com/api/resources/cache/methods/purge/">Cloudflare: Purge Cached
 *     Content</a>
 */
final class LoopbackCloudflare implements AutoCloseable {
    private static final byte[] SUCCESS = ("{\"success\":true,\"errors\":[],\"messages\":[],"
            + "\"result\":{\"id\":\"9a7806061c88ada191ed06f989cc3dac\"}}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] REFUSED = ("{\"success\":false,\"errors\":[{\"code\":10000,"
            + "\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final String purgePath;
    private final String authorization;
    private final AtomicLong purged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    LoopbackCloudflare(String token, String zoneId) throws IOException {
        this.purgePath = "/client/v4/zones/" + zoneId + "/purge_cache";
        this.authorization = "Bearer " + token;
        // answers go out at once instead of waiting on Nagle's algorithm for the client's delayed ACK (40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The API's base URL, as the provider's {@code endpoint} key takes it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4";
    }

    long purged() {
        return purged.get();
    }

    long refused() {
        return refused.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        boolean ok = exchange.getRequestMethod().equals("POST")
                && exchange.getRequestURI().getRawPath().equals(purgePath)
                && authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] answer = ok ? SUCCESS : REFUSED;
        (ok ? purged : refused).incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("cf-ray", "8c5a1d2f3b4e5f60-AMS");
        exchange.sendResponseHeaders(ok ? 200 : 403, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
