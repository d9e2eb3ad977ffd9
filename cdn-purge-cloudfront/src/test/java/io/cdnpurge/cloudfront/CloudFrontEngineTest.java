package io.cdnpurge.cloudfront;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTransportException;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudFront through the engine: tenants share their distribution's quota, every request is the engine's. */
class CloudFrontEngineTest {
    private static final String ACCESS_KEY = CloudFrontCompatibilityTest.ACCESS_KEY;
    private static final String SECRET_KEY = CloudFrontCompatibilityTest.SECRET_KEY;
    private static final String DIST = "E2QWRUHAPOMQZL";
    private static final String SHOP = "dt_2wjDZi3hD1ivOXf6rpZJO1AB";
    private static final String OUTLET = "dt_9xQpLm2KsT4vWb7YcN3eRf8H";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<PurgeEvent> events = new CopyOnWriteArrayList<>();
    private final List<PurgeClient> clients = new ArrayList<>();
    private FakeCloudFrontApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudFrontApi.start().credentials(ACCESS_KEY, SECRET_KEY).clock(clock)
                .distribution(DIST, "www.example.com")
                .tenant(SHOP, DIST, "shop.example.org")
                .tenant(OUTLET, DIST, "outlet.example.org");
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private CloudFrontPurgeClient client(Map<String, String> keys) {
        return client(keys, null);
    }

    private CloudFrontPurgeClient client(Map<String, String> keys, AwsSessionCredentials credentials) {
        Map<String, String> config = new HashMap<>(Map.of("cloudfront.region", "us-east-1",
                "cloudfront.endpoint", fake.endpoint()));
        if (credentials == null) {
            config.put("cloudfront.accessKeyId", ACCESS_KEY);
            config.put("cloudfront.secretAccessKey", SECRET_KEY);
        }
        config.putAll(keys);
        CloudFrontPurgeClient.Builder builder = CloudFrontPurgeClient.builder()
                .config(PurgeConfig.fromMap(config).withEnvironment(Map.of()))
                .options(ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                        .listener(events::add).random(new Random(42)).build());
        if (credentials != null) {
            builder.credentialsProvider(() -> credentials);
        }
        CloudFrontPurgeClient client = builder.build();
        clients.add(client);
        return client;
    }

    private static List<String> urls(String host, int count) {
        return IntStream.range(0, count).mapToObj(i -> "https://" + host + "/release/file-" + i + ".js")
                .collect(Collectors.toList());
    }

    private List<RecordedRequest> posts() {
        return fake.requests().stream().filter(r -> r.getMethod().equals("POST")).collect(Collectors.toList());
    }

    @Test
    void sixThousandPathsOverTwoTenantsOfOneDistributionGoAsTwoCallsWithoutARefusal() {
        fake.completionDelay(Duration.ofSeconds(2));
        CloudFrontPurgeClient client = client(Map.of("cloudfront.tenants",
                "shop.example.org=" + SHOP + ",outlet.example.org=" + OUTLET));
        List<String> both = new ArrayList<>(urls("shop.example.org", 3000));
        both.addAll(urls("outlet.example.org", 3000));

        PurgeResult result = client.purge(PurgeRequest.ofUrls(both));

        assertThat(result.failures()).isEmpty();
        assertThat(posts()).hasSize(2);
        assertThat(fake.tooManyInvalidationsAnswers()).isZero();
        assertThat(fake.maxFilePathsInFlight()).isEqualTo(3000);
        // the tenants' distribution, asked once per tenant
        assertThat(fake.requestLines()).filteredOn(line -> line.matches("GET /2020-05-31/distribution-tenant/[^/]+"))
                .hasSize(2);
        System.out.printf("6,000 paths over two tenants of one distribution: %d CreateInvalidation calls, %d "
                        + "TooManyInvalidationsInProgress, %d requests in all%n", posts().size(),
                fake.tooManyInvalidationsAnswers(), fake.requestCount());
    }

    @Test
    void theFirstPathOfAFreshClientIsOneRequest() {
        fake.inProgressInvalidation(DIST, 40, 0);
        fake.inProgressInvalidation(DIST, 12, 1);
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributionId", DIST));

        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/new.jpg").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(fake.requestLines()).containsExactly("POST /2020-05-31/distribution/" + DIST + "/invalidation");
        System.out.printf("cold path, one path with invalidations in flight: %s%n", fake.requestLines());
    }

    @Test
    void anUnreachableEndpointFailsAtOnceSayingTheRequestWasNotSent() throws IOException {
        String closed;
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            closed = server.url("/").toString();
        }
        for (String attempts : List.of("1", "5")) {
            Instant before = clock.instant();
            long started = System.nanoTime();
            PurgeResult result = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.endpoint", closed,
                    "cloudfront.maxAttempts", attempts)).purge(PurgeRequest.builder()
                    .url("https://www.example.com/a.css").build());
            Duration real = Duration.ofNanos(System.nanoTime() - started);
            Duration virtual = Duration.between(before, clock.instant());

            assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
            PurgeException error = result.failures().get(0).error().orElseThrow();
            assertThat(error).isInstanceOf(PurgeTransportException.class);
            assertThat(((PurgeTransportException) error).sent()).isFalse();
            assertThat(error.getMessage()).contains("the request was not sent").doesNotContain("may or may not");
            assertThat(result.stats().requests()).isEqualTo(Integer.parseInt(attempts));
            // no listing or status question waits in front of the call: its own attempts are all there is
            assertThat(virtual).isLessThan(Duration.ofSeconds(8));
            System.out.printf("CloudFront unreachable, maxAttempts=%s: FAILED after %d ms (%d ms on the client's "
                    + "clock), %d requests: %s%n", attempts, real.toMillis(), virtual.toMillis(),
                    result.stats().requests(), error.getMessage());
        }
    }

    @Test
    void credentialsResolvedAtRunTimeAreRedactedLikeConfiguredOnes() {
        String sessionToken = "IQoJb3JpZ2luX2VjEEXAMPLEsessionTOKENfromTheChain0123456789";
        fake.scriptOnly("cloudfront:CreateInvalidation").failNext(1, 400, "InvalidArgument",
                "echoing the caller: " + SECRET_KEY + " / " + sessionToken);

        PurgeResult result = client(Map.of("cloudfront.distributionId", DIST),
                AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, sessionToken))
                .purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        List<String> texts = new ArrayList<>();
        texts.add(result.toString());
        result.outcomes().forEach(outcome -> {
            texts.add(outcome.toString());
            outcome.error().ifPresent(error -> texts.add(String.valueOf(error)));
        });
        events.forEach(event -> texts.add(event.toString()));
        assertThat(texts).anySatisfy(text -> assertThat(text).contains("echoing the caller: [REDACTED]"));
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(sessionToken));
    }

    @Test
    void withGetInvalidationDeniedTheInvalidationsStayAcceptedAndEachIsAskedOnce() {
        fake.distribution("E1STATIC00001", "static.example.com");
        fake.deny("cloudfront:GetInvalidation");
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributions",
                "www.example.com=" + DIST + ",static.example.com=E1STATIC00001"));
        List<String> both = new ArrayList<>(urls("www.example.com", 2000));
        both.addAll(urls("static.example.com", 2000));
        PurgeResult sent = client.purge(PurgeRequest.ofUrls(both));
        assertThat(sent.vendorReferences()).hasSize(2);
        int before = fake.requestCount();
        long started = System.nanoTime();

        PurgeResult later = client.awaitCompletion(sent, Duration.ofMinutes(5));

        assertThat(later.failures()).isEmpty();
        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(later.outcomes()).allSatisfy(outcome -> assertThat(outcome.completionUnknown()).get()
                .isInstanceOfSatisfying(PurgePermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("cloudfront:GetInvalidation")));
        assertThat(fake.requestCount() - before).isEqualTo(2);
        assertThat(later.toString()).contains("2000 IN_PROGRESS, completion unknown: permission "
                + "cloudfront:GetInvalidation — the AWS credential may not call cloudfront:GetInvalidation on "
                + sent.vendorReferences().get(0));
        System.out.printf("GetInvalidation denied: awaitCompletion sent %d requests for %d invalidations in %d ms, "
                        + "then returned %s%n", fake.requestCount() - before, sent.vendorReferences().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), later.status());
    }

    @Test
    void duringABrownoutEachInvalidationIsAskedOncePerRound() {
        fake.completionDelay(Duration.ofSeconds(1)).distribution("E1STATIC00001", "static.example.com");
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributions",
                "www.example.com=" + DIST + ",static.example.com=E1STATIC00001"));
        List<String> both = new ArrayList<>(urls("www.example.com", 2000));
        both.addAll(urls("static.example.com", 2000));
        PurgeResult sent = client.purge(PurgeRequest.ofUrls(both));
        fake.scriptOnly("cloudfront:GetInvalidation").failNext(6, 503, "ServiceUnavailable", "brownout");
        int before = fake.requests().size();

        PurgeResult done = client.awaitCompletion(sent, Duration.ofMinutes(5));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        long gets = fake.requests().subList(before, fake.requests().size()).stream()
                .filter(r -> r.getMethod().equals("GET")).count();
        // three rounds of two failed questions, then one answer for each of the two invalidations
        assertThat(gets).isEqualTo(8);
        assertThat(done.outcomes()).extracting(TargetOutcome::status).containsOnly(TargetOutcome.Status.SUCCEEDED);
    }

    @Test
    void withGetInvalidationDeniedACallWaitingForRoomIsStillSentOnceCloudFrontHasRoom() {
        fake.deny("cloudfront:GetInvalidation").completionDelay(Duration.ofSeconds(20));
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributionId", DIST));

        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls("www.example.com", 4000)));

        // the second call cannot learn when the first completes, so CloudFront's refusals hold it back, further
        // apart each time, until there is room
        assertThat(result.failures()).isEmpty();
        assertThat(fake.invalidations()).hasSize(2);
        assertThat(fake.maxFilePathsInFlight()).isEqualTo(3000);
        assertThat(fake.tooManyInvalidationsAnswers()).isBetween(1, 6);
    }
}
