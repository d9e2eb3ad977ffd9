package io.cdnpurge.verify;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.Route;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.testing.RecordingPurgeClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edge is a loopback server reached as an HTTP proxy: it sees the absolute URL a visitor asks for and answers with
 * the headers each CDN sends.
 */
class EdgeVerifierTest {
    private static final Instant PURGE_STARTED = Instant.parse("2026-01-01T00:00:00Z");
    /** Answers are timed 60 s after the purge started. */
    private static final Clock ONE_MINUTE_LATER = Clock.fixed(PURGE_STARTED.plusSeconds(60), ZoneOffset.UTC);

    private final MockWebServer edge = new MockWebServer();
    private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
    private final List<RecordedRequest> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        edge.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                seen.add(request);
                MockResponse answer = answers.get(request.getUrl().encodedPath());
                return answer != null ? answer : new MockResponse.Builder().code(404).build();
            }
        });
        edge.start();
    }

    @AfterEach
    void stop() throws IOException {
        edge.close();
    }

    private void answer(String path, String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(200).body("<html>" + path + "</html>");
        for (int i = 0; i < headers.length; i += 2) {
            response.addHeader(headers[i], headers[i + 1]);
        }
        answers.put(path, response.build());
    }

    /** {@code /a} of www.example.com through edge-cf, the rest through edge-fastly, on one virtual clock. */
    private static PurgeRouter twoCdns(FakeClock clock) {
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build();
        return PurgeRouter.builder()
                .client("edge-cf", RecordingPurgeClient.create(PurgeConfig.empty(), options))
                .client("edge-fastly", RecordingPurgeClient.create(PurgeConfig.empty(), options))
                .route(Route.host("www.example.com").path("/a").to("edge-cf"))
                .route(Route.host("www.example.com").to("edge-fastly"))
                .build();
    }

    private EdgeVerifier.Builder verifier() {
        return EdgeVerifier.builder().proxy(edge.getProxyAddress()).clock(ONE_MINUTE_LATER)
                .timeout(Duration.ofSeconds(5));
    }

    private static String url(String path) {
        return "http://www.example.com" + path;
    }

    @Test
    void eachCdnsAnswerBecomesAVerdictByItsCacheStatusAndAge() {
        answer("/cf-miss", "CF-Cache-Status", "MISS");
        answer("/cf-fresh-hit", "CF-Cache-Status", "HIT", "Age", "30");
        answer("/cf-stale-hit", "CF-Cache-Status", "HIT", "Age", "3600");
        answer("/cf-dynamic", "CF-Cache-Status", "DYNAMIC");
        answer("/fastly-shield", "X-Cache", "MISS, HIT", "X-Cache-Hits", "0, 4", "Age", "10");
        answer("/fastly-old", "X-Cache", "HIT", "Age", "86400");
        answer("/cloudfront-miss", "X-Cache", "Miss from cloudfront", "Via", "1.1 abc.cloudfront.net (CloudFront)");
        answer("/cloudfront-old", "X-Cache", "Hit from cloudfront", "Age", "61");
        answer("/akamai-miss", "Akamai-Cache-Status", "Miss from child, Miss from parent");
        answer("/akamai-hit-no-age", "Akamai-Cache-Status", "Hit from child");
        answer("/none");
        answer("/borderline", "X-Cache", "HIT", "Age", "60");

        List<String> urls = List.of(url("/cf-miss"), url("/cf-fresh-hit"), url("/cf-stale-hit"), url("/cf-dynamic"),
                url("/fastly-shield"), url("/fastly-old"), url("/cloudfront-miss"), url("/cloudfront-old"),
                url("/akamai-miss"), url("/akamai-hit-no-age"), url("/none"), url("/borderline"));
        EdgeReport report;
        try (EdgeVerifier verifier = verifier().build()) {
            report = verifier.verify(urls, PURGE_STARTED);
        }

        assertThat(report.checks()).extracting(EdgeCheck::url).containsExactlyElementsOf(urls);
        assertThat(report.checks()).extracting(check -> check.verdict().name()).containsExactly(
                "PURGED", "PURGED", "NOT_PURGED", "NOT_CACHED", "PURGED", "NOT_PURGED", "PURGED", "NOT_PURGED",
                "PURGED", "UNKNOWN", "UNKNOWN", "UNKNOWN");
        EdgeCheck stale = report.checks().get(2);
        assertThat(stale.httpStatus()).isEqualTo(200);
        assertThat(stale.cacheStatus()).hasValue("CF-Cache-Status: HIT");
        assertThat(stale.age()).hasValue(Duration.ofHours(1));
        assertThat(stale.detail()).isEqualTo("HTTP 200, CF-Cache-Status: HIT, Age 3600: a hit on a copy cached "
                + "before the purge (the purge started 60 s before the answer)");
        assertThat(report.checks().get(1).detail()).endsWith("a hit on a copy cached after the purge (the purge "
                + "started 60 s before the answer)");
        assertThat(report.checks().get(9).detail()).contains("a hit with no Age header");
        assertThat(report.checks().get(10).detail()).contains("no cache-status header", "Pragma: akamai-x-cache-on");
        assertThat(report.checks().get(11).detail()).contains("within a second of the purge starting");
        assertThat(report.allPurged()).isFalse();
        assertThat(report.counts()).containsEntry(EdgeCheck.Verdict.PURGED, 5)
                .containsEntry(EdgeCheck.Verdict.NOT_PURGED, 3).containsEntry(EdgeCheck.Verdict.NOT_CACHED, 1)
                .containsEntry(EdgeCheck.Verdict.UNKNOWN, 3);
        assertThat(report.toString()).startsWith("12 URLs checked at the edge: 5 purged, 3 not purged, 1 not cached, "
                + "3 unknown\n  NOT_PURGED http://www.example.com/cf-stale-hit: HTTP 200, CF-Cache-Status: HIT");
    }

    @Test
    void eachUrlIsOneGetAsAVisitorMakesWithTheHeadersGivenAndNoRedirectFollowed() {
        answers.put("/moved", new MockResponse.Builder().code(301).addHeader("Location", url("/elsewhere"))
                .addHeader("CF-Cache-Status", "HIT").addHeader("Age", "5").build());
        EdgeReport report;
        try (EdgeVerifier verifier = verifier().header("Pragma", "akamai-x-cache-on")
                .header("Authorization", "Basic c3RhZ2luZzpzM2NyM3Q=").build()) {
            report = verifier.verify(List.of(url("/moved")), PURGE_STARTED);
        }

        assertThat(seen).hasSize(1);
        RecordedRequest request = seen.get(0);
        assertThat(request.getRequestLine()).isEqualTo("GET http://www.example.com/moved HTTP/1.1");
        assertThat(request.getHeaders().get("Host")).isEqualTo("www.example.com");
        assertThat(request.getHeaders().get("Pragma")).isEqualTo("akamai-x-cache-on");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("cdn-purge-edge-check");
        assertThat(report.checks()).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(EdgeCheck.Verdict.PURGED);
            assertThat(check.httpStatus()).isEqualTo(301);
        });
        // a header's value, a staging site's password here, is never reported
        assertThat(report.toString() + report.checks()).doesNotContain("c3RhZ2luZzpzM2NyM3Q=");
    }

    @Test
    void aUrlTargetsCacheKeyHeadersAreSentWithIt() {
        answer("/mobile", "CF-Cache-Status", "MISS");
        PurgeResult result;
        try (RecordingPurgeClient cdn = RecordingPurgeClient.create()) {
            result = cdn.purge(PurgeRequest.builder().target(PurgeTarget.url(url("/mobile"),
                    Map.of("CF-Device-Type", "mobile"))).build());
        }
        try (EdgeVerifier verifier = verifier().build()) {
            verifier.verify(result);
        }

        assertThat(seen).singleElement().satisfies(request ->
                assertThat(request.getHeaders().get("CF-Device-Type")).isEqualTo("mobile"));
    }

    @Test
    void aRoutedResultIsCheckedUrlByUrlThroughTheEdgeDnsGivesWhenNoClientsEdgeIsSet() {
        FakeClock clock = new FakeClock();
        answer("/a", "CF-Cache-Status", "MISS");
        answer("/b", "X-Cache", "HIT", "Age", "600");
        answer("/c", "X-Cache", "MISS");
        PurgeResult result;
        try (PurgeRouter router = twoCdns(clock)) {
            result = router.purge(PurgeRequest.builder().url(url("/a")).url(url("/b")).tag("news").build());
        }
        assertThat(result.stats().started()).hasValue(clock.instant());

        EdgeReport report;
        EdgeReport given;
        try (EdgeVerifier verifier = verifier().clock(Clock.fixed(clock.instant().plusSeconds(120), ZoneOffset.UTC))
                .build()) {
            report = verifier.verify(result);
            // a tag names no URL: the URLs it covers are given
            given = verifier.verify(result, List.of(url("/c"), url("/a")));
        }

        // no client's edge is set: the edge DNS gives answered, and no client is credited with it
        assertThat(report.checks()).extracting(EdgeCheck::url, check -> check.client().orElse(null),
                EdgeCheck::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple(url("/a"), null, EdgeCheck.Verdict.PURGED),
                org.assertj.core.groups.Tuple.tuple(url("/b"), null, EdgeCheck.Verdict.NOT_PURGED));
        assertThat(given.checks()).extracting(EdgeCheck::url, check -> check.client().orElse(null),
                EdgeCheck::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple(url("/c"), null, EdgeCheck.Verdict.PURGED),
                org.assertj.core.groups.Tuple.tuple(url("/a"), null, EdgeCheck.Verdict.PURGED));
    }

    @Test
    void aClientsEdgeIsAskedForTheUrlsThatClientPurgedWithTheirOwnHostName() {
        // www.example.com on the loopback edge's port: the client's edge, localhost, is where it resolves to
        String onEdgePort = "http://www.example.com:" + edge.getPort();
        answer("/a", "CF-Cache-Status", "MISS");
        answer("/b", "X-Cache", "HIT", "Age", "600");
        FakeClock clock = new FakeClock();
        PurgeResult result;
        try (PurgeRouter router = twoCdns(clock)) {
            result = router.purge(PurgeRequest.builder().url(onEdgePort + "/a").url(onEdgePort + "/b").build());
        }

        EdgeReport report;
        // both edges are loopback names here (no request may leave the machine); a real one is the CDN's host name
        try (EdgeVerifier verifier = EdgeVerifier.builder().edge("edge-cf", "localhost")
                .edge("edge-fastly", "127.0.0.1")
                .clock(Clock.fixed(clock.instant().plusSeconds(120), ZoneOffset.UTC)).build()) {
            report = verifier.verify(result);
        }

        assertThat(report.checks()).extracting(EdgeCheck::url, check -> check.client().orElse(null),
                EdgeCheck::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple(onEdgePort + "/a", "edge-cf", EdgeCheck.Verdict.PURGED),
                org.assertj.core.groups.Tuple.tuple(onEdgePort + "/b", "edge-fastly", EdgeCheck.Verdict.NOT_PURGED));
        assertThat(seen).extracting(RecordedRequest::getRequestLine).containsExactlyInAnyOrder("GET /a HTTP/1.1",
                "GET /b HTTP/1.1");
        assertThat(seen).allSatisfy(request -> assertThat(request.getHeaders().get("Host"))
                .isEqualTo("www.example.com:" + edge.getPort()));
    }

    @Test
    void anEdgeThatCannotBeReachedOrDoesNotAnswerInTimeIsUnknownSayingWhyNeverAnException() throws IOException {
        Proxy closed;
        try (MockWebServer gone = new MockWebServer()) {
            gone.start();
            closed = gone.getProxyAddress();
        }
        EdgeReport unreachable;
        try (EdgeVerifier verifier = EdgeVerifier.builder().proxy(closed).clock(ONE_MINUTE_LATER).build()) {
            unreachable = verifier.verify(List.of(url("/a")), PURGE_STARTED);
        }
        assertThat(unreachable.checks()).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(EdgeCheck.Verdict.UNKNOWN);
            assertThat(check.httpStatus()).isZero();
            assertThat(check.detail()).startsWith("no answer: ").contains("ConnectException");
        });

        // the one real wait here: a socket read timeout, 200 ms
        answers.put("/slow", new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());
        EdgeReport slow;
        try (EdgeVerifier verifier = verifier().timeout(Duration.ofMillis(200)).build()) {
            slow = verifier.verify(List.of(url("/slow")), PURGE_STARTED);
        }
        assertThat(slow.checks()).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(EdgeCheck.Verdict.UNKNOWN);
            assertThat(check.detail()).isEqualTo("no answer within 0.2 s (EdgeVerifier.Builder.timeout)");
        });
    }

    @Test
    void badInputIsRefusedNamingItBeforeAnyRequest() {
        try (EdgeVerifier verifier = verifier().build()) {
            assertThatThrownBy(() -> verifier.verify(List.of(url("/ok"), "not a url", "ftp://www.example.com/f"),
                    PURGE_STARTED))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'not a url'").hasMessageContaining("ftp://www.example.com/f")
                    .hasMessageContaining("give absolute http or https URLs");
            PurgeResult noStart = PurgeResult.builder("cloudflare").outcomes(List.of(TargetOutcome.builder(
                    "cloudflare", PurgeTarget.url(url("/a")), TargetOutcome.Status.SUCCEEDED).build()))
                    .stats(PurgeStats.empty()).build();
            assertThatThrownBy(() -> verifier.verify(noStart))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cloudflare does not say when its purge started");
        }
        assertThat(seen).isEmpty();
        assertThatThrownBy(() -> EdgeVerifier.builder().header("X-Bad", "a\r\nInjected: yes"))
                .hasMessageContaining("X-Bad").hasMessageNotContaining("Injected");
        assertThatThrownBy(() -> EdgeVerifier.builder().header("X-Staging-Token", "sécret"))
                .hasMessageContaining("X-Staging-Token").hasMessageNotContaining("sécret");
        EdgeVerifier closed = verifier().build();
        closed.close();
        assertThatThrownBy(() -> closed.verify(List.of(url("/a")), PURGE_STARTED))
                .isInstanceOf(IllegalStateException.class).hasMessage("this EdgeVerifier is closed");
        assertThatThrownBy(() -> EdgeVerifier.builder().header("Bad Name", "x")).hasMessageContaining("'Bad Name'");
        assertThatThrownBy(() -> EdgeVerifier.builder().concurrency(0)).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> EdgeVerifier.builder().timeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> EdgeVerifier.builder().edge("edge-cf", "not a host/")).hasMessageContaining(
                "edge-cf");
        assertThatThrownBy(() -> EdgeVerifier.builder().proxy(edge.getProxyAddress()).edge("edge-cf", "localhost")
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("[edge-cf]");
    }

    @Test
    void nothingCheckedIsNotAllPurgedAndAUrlThatCannotBeSentIsUnknownWhileTheOthersAreChecked() {
        answer("/plain", "CF-Cache-Status", "MISS");
        PurgeResult tagsOnly;
        PurgeResult withHeaders;
        try (RecordingPurgeClient cdn = RecordingPurgeClient.create()) {
            tagsOnly = cdn.purge(PurgeRequest.builder().tag("news").build());
            withHeaders = cdn.purge(PurgeRequest.builder().target(PurgeTarget.url(url("/accented"),
                    Map.of("Accept-Language", "fr-é"))).url(url("/plain")).build());
        }
        try (EdgeVerifier verifier = verifier().build()) {
            EdgeReport nothing = verifier.verify(tagsOnly);
            assertThat(nothing.checks()).isEmpty();
            assertThat(nothing.allPurged()).isFalse();

            EdgeReport report = verifier.verify(withHeaders);
            assertThat(report.checks()).extracting(EdgeCheck::verdict).containsExactly(EdgeCheck.Verdict.UNKNOWN,
                    EdgeCheck.Verdict.PURGED);
            assertThat(report.checks().get(0).detail()).isEqualTo("not requested: its cache-key headers "
                    + "[Accept-Language] cannot be sent in HTTP/1 (only printable ASCII)");
        }
        assertThat(seen).extracting(request -> request.getUrl().encodedPath()).containsExactly("/plain");
    }

    @Test
    void aClientsEdgeResolvesEveryHostToThatCdnsAddresses() throws Exception {
        EdgeVerifier.EdgeDns dns = new EdgeVerifier.EdgeDns("localhost");

        assertThat(dns.lookup("www.example.com")).containsExactlyInAnyOrderElementsOf(
                List.of(InetAddress.getAllByName("localhost")));
        // a resolver that knows no name, so that nothing is asked of a real DNS server
        okhttp3.Dns knowsNothing = name -> {
            throw new java.net.UnknownHostException(name);
        };
        assertThatThrownBy(() -> new EdgeVerifier.EdgeDns("no-such-edge.invalid", knowsNothing)
                .lookup("www.example.com"))
                .hasMessage("the edge no-such-edge.invalid given for www.example.com does not resolve");
    }

    @Test
    void manyUrlsAreCheckedAFewAtATimeEachGettingAVerdict() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // no body: the loopback server writes a body apart from the headers, which TCP then holds back 40 ms
            answers.put("/page-" + i, new MockResponse.Builder().code(200).addHeader("CF-Cache-Status",
                    i % 100 == 0 ? "HIT" : "MISS").addHeader("Age", "3000").build());
            urls.add(url("/page-" + i));
        }
        EdgeReport report;
        try (EdgeVerifier verifier = verifier().concurrency(4).build()) {
            report = verifier.verify(urls, PURGE_STARTED);
        }

        assertThat(report.checks()).hasSize(300);
        assertThat(seen).hasSize(300);
        // four at a time, each connection serving the next URL
        assertThat(seen).extracting(RecordedRequest::getConnectionIndex).allSatisfy(index ->
                assertThat(index).isBetween(0, 3));
        assertThat(report.counts()).containsEntry(EdgeCheck.Verdict.PURGED, 297)
                .containsEntry(EdgeCheck.Verdict.NOT_PURGED, 3);
        assertThat(report.withVerdict(EdgeCheck.Verdict.NOT_PURGED)).extracting(EdgeCheck::url)
                .containsExactly(url("/page-0"), url("/page-100"), url("/page-200"));
    }
}
