package io.cdnpurge.edgecast;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.fakes.Failure;
import io.cdnpurge.fakes.edgecast.EdgecastRequest;
import io.cdnpurge.fakes.edgecast.FakeEdgecastApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgecastPurgeClientTest {
    private FakeEdgecastApi fake;
    private final List<PurgeClient> clients = new ArrayList<>();
    private final List<PurgeEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        fake = FakeEdgecastApi.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private PurgeClient client(String... keyValues) {
        Map<String, String> values = new HashMap<>(fake.clientConfig());
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put("edgecast." + keyValues[i], keyValues[i + 1]);
        }
        PurgeClient client = CdnPurge.client("edgecast", PurgeConfig.fromMap(values).withEnvironment(Map.of()),
                ClientOptions.builder().clock(fake.clock()).sleeper(((FakeClock) fake.clock()).sleeper())
                        .logging(false).listener(events::add).build());
        clients.add(client);
        return client;
    }

    private static PurgeRequest urls(int count) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.url("https://cdn.example.com/assets/file-" + i + ".js");
        }
        return request.build();
    }

    @Test
    void oneUrlIsOnePurgeWithItsMediaPathAndPlatformAndTheTokenInEdgecastsScheme() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://cdn.example.com/a.css").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(fake.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("purge");
            assertThat(call.mediaPaths()).containsExactly("https://cdn.example.com/a.css");
            assertThat(call.mediaType()).isEqualTo(3);
            assertThat(call.authorization()).isEqualTo("TOK:" + FakeEdgecastApi.DEFAULT_TOKEN);
        });
        assertThat(fake.requestLines()).containsExactly("PUT /v2/mcc/customers/C16C/edge/purge");
    }

    /** Must show: 200 URLs with completion delayed never draw the 400 of the outstanding limit, and all complete. */
    @Test
    void twoHundredUrlsWaitForRoomInsteadOfPassingTheOutstandingLimitAndAllComplete() {
        fake.completionDelay(Duration.ofSeconds(30));
        PurgeClient client = client();

        PurgeResult sent = client.purge(urls(200));
        PurgeResult done = client.awaitCompletion(sent, Duration.ofMinutes(10));

        assertThat(fake.outstandingLimitAnswers()).isZero();
        assertThat(fake.mostOutstanding()).isEqualTo(50);
        assertThat(fake.calls()).hasSize(4).allSatisfy(call -> {
            assertThat(call.operation()).isEqualTo("bulkpurge");
            assertThat(call.mediaPaths()).hasSize(50);
            assertThat(call.accepted()).isTrue();
        });
        assertThat(fake.purgedUrls()).hasSize(200).doesNotHaveDuplicates();
        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(done.outcomes()).hasSize(200);
        assertThat(events).anyMatch(event -> event.type() == PurgeEvent.Type.QUEUED);
        System.out.println("Edgecast, 200 URLs, completion after 30 s: " + fake.calls().size() + " bulk purges of "
                + fake.calls().get(0).mediaPaths().size() + ", " + fake.outstandingLimitAnswers() + " refusals for "
                + "the limit, at most " + fake.mostOutstanding() + " outstanding, " + fake.requestCount()
                + " requests in all, " + done.status() + " after " + Duration.between(
                FakeClockStart.START, fake.clock().instant()).toSeconds() + " s on the fake's clock");
    }

    /** The clock every fake starts at. */
    private static final class FakeClockStart {
        static final java.time.Instant START = new FakeClock().instant();
    }

    /** Must show: PREFETCH sends loads, one file each, not purges. */
    @Test
    void aPrefetchLoadsEachFileAndPurgesNothing() {
        PurgeResult result = client().purge(PurgeRequest.builder().action(PurgeAction.PREFETCH)
                .url("https://cdn.example.com/a.js").url("https://cdn.example.com/b.js").build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.calls()).extracting(EdgecastRequest::operation).containsExactly("load", "load");
        assertThat(fake.loadedUrls()).containsExactly("https://cdn.example.com/a.js", "https://cdn.example.com/b.js");
        assertThat(fake.purgedUrls()).isEmpty();
        assertThat(client().awaitCompletion(result, Duration.ofMinutes(1)).status())
                .isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(fake.requestLines()).filteredOn(line -> line.startsWith("GET"))
                .allMatch(line -> line.startsWith("GET /v2/mcc/customers/C16C/edge/load/"));
    }

    @Test
    void aLoadTheVendorAcceptedIsNotSentAgainWhenTheNextLoadOfTheCallIsRetried() {
        PurgeClient client = client();
        // the first load goes through, the second meets a 503 once and is retried alone
        fake.answerNext(1, 200, Map.of("Content-Type", "application/json"), "{\"Id\":\"aa01\"}");
        fake.failNext(1, Failure.serverError());

        PurgeResult result = client.purge(PurgeRequest.builder().action(PurgeAction.PREFETCH)
                .url("https://cdn.example.com/a.js").url("https://cdn.example.com/b.js").build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.requestLines()).filteredOn(line -> line.startsWith("PUT")).hasSize(3);
        assertThat(fake.loadedUrls()).containsExactly("https://cdn.example.com/b.js");
    }

    @Test
    void aDirectoryIsTheRecursivePatternAndAHostNeedsWideTargets() {
        client().purge(PurgeRequest.builder().prefix("https://cdn.example.com/img/").build());
        assertThat(fake.purgedUrls()).containsExactly("https://cdn.example.com/img/*");

        assertThatThrownBy(() -> client().purge(PurgeRequest.builder().host("cdn.example.com").build()))
                .isInstanceOf(InvalidPurgeRequestException.class).hasMessageContaining("edgecast.wideTargets=true");
        client("wideTargets", "true").purge(PurgeRequest.builder().host("cdn.example.com").build());
        assertThat(fake.purgedUrls()).endsWith("http://cdn.example.com/*");
    }

    @Test
    void everythingPurgesEachListedHostOnItsPlatform() {
        client("wideTargets", "true", "hosts", "cdn.example.com,static.example.com,video.example.com",
                "platforms", "video.example.com=flash").purge(PurgeRequest.builder().everything().build());

        assertThat(fake.calls()).satisfiesExactly(
                bulk -> {
                    assertThat(bulk.operation()).isEqualTo("bulkpurge");
                    assertThat(bulk.mediaType()).isEqualTo(3);
                    assertThat(bulk.mediaPaths()).containsExactly("http://cdn.example.com/*",
                            "http://static.example.com/*");
                },
                single -> {
                    assertThat(single.operation()).isEqualTo("purge");
                    assertThat(single.mediaType()).isEqualTo(2);
                    assertThat(single.mediaPaths()).containsExactly("http://video.example.com/*");
                });
    }

    @Test
    void hostsOfAnotherPlatformAreBatchedApart() {
        client("platforms", "small.example.com=http-small").purge(PurgeRequest.builder()
                .url("https://cdn.example.com/a").url("https://small.example.com/b").build());

        assertThat(fake.calls()).extracting(EdgecastRequest::mediaType).containsExactlyInAnyOrder(3, 8);
    }

    @Test
    void tagsAndCpCodesAreRefusedNamingTheAlternative() {
        assertThatThrownBy(() -> client().purge(PurgeRequest.builder().tag("news").build()))
                .isInstanceOf(UnsupportedPurgeException.class).hasMessageContaining("PurgeTarget.prefix");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void theLimitFilledByAnotherToolIsBackPressureThatTheCallWaitsOut() {
        fake.outstandingElsewhere(50);

        PurgeResult result = client().purge(PurgeRequest.builder().url("https://cdn.example.com/a.css").build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.outstandingLimitAnswers()).isGreaterThanOrEqualTo(1);
        assertThat(fake.purgedUrls()).containsExactly("https://cdn.example.com/a.css");
    }

    @Test
    void accessDeniedIsAnAuthenticationErrorNamingTheTokenAndTheAccount() {
        PurgeResult result = client("apiToken", "wrong-token-1234").purge(PurgeRequest.builder()
                .url("https://cdn.example.com/a.css").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures().get(0).error()).get().isInstanceOf(PurgeAuthenticationException.class)
                .satisfies(error -> assertThat(error.getMessage()).contains("edgecast.apiToken", "C16C")
                        .doesNotContain("wrong-token-1234"));
        assertThat(fake.purgeRequestCount()).isEqualTo(1);
    }

    @Test
    void aMissingAccountOrTokenIsReportedBeforeAnyRequest() {
        assertThatThrownBy(() -> CdnPurge.client("edgecast", PurgeConfig.fromMap(Map.of("edgecast.accountNumber",
                "not-hex")).withEnvironment(Map.of())))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anyMatch(problem -> problem.startsWith("edgecast.accountNumber is not an Edgecast account"))
                        .anyMatch(problem -> problem.startsWith("no Edgecast token: set edgecast.apiToken")));
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void theTypedBuilderSetsTheSameKeys() {
        fake.apiToken("edgecast-typed-token-42");
        try (EdgecastPurgeClient cdn = EdgecastPurgeClient.builder().apiToken("edgecast-typed-token-42")
                .accountNumber("c16c").platform(EdgecastPlatform.ADN).endpoint(fake.endpoint())
                .options(fake.options()).build()) {
            cdn.purge(PurgeRequest.builder().url("https://app.example.com/api/x").build());
            assertThat(cdn.toString()).doesNotContain("edgecast-typed-token-42");
        }
        assertThat(fake.calls()).singleElement().satisfies(call -> assertThat(call.mediaType()).isEqualTo(14));
        assertThat(fake.requestLines()).first().asString().contains("/customers/C16C/");
    }
}
