package io.cdnpurge.cloudfront;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.fakes.cloudfront.CloudFrontInvalidation;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudFrontPurgeClientTest {
    private static final String ACCESS_KEY = CloudFrontCompatibilityTest.ACCESS_KEY;
    private static final String SECRET_KEY = CloudFrontCompatibilityTest.SECRET_KEY;
    private static final String DIST = "E2QWRUHAPOMQZL";
    private static final String STATIC_DIST = "E1STATIC00001";
    private static final String TENANT = "dt_2wjDZi3hD1ivOXf6rpZJO1AB";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final List<PurgeEvent> events = new CopyOnWriteArrayList<>();
    private final List<PurgeClient> clients = new ArrayList<>();
    private FakeCloudFrontApi fake;

    @BeforeEach
    void startFake() {
        fake = FakeCloudFrontApi.start().credentials(ACCESS_KEY, SECRET_KEY).clock(clock)
                .distribution(DIST, "www.example.com")
                .distribution(STATIC_DIST, "static.example.com", "*.cdn.example.com")
                .tenant(TENANT, DIST, "shop.example.org");
    }

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private CloudFrontPurgeClient client(Map<String, String> keys) {
        Map<String, String> config = new HashMap<>(Map.of(
                "cloudfront.accessKeyId", ACCESS_KEY,
                "cloudfront.secretAccessKey", SECRET_KEY,
                "cloudfront.region", "us-east-1",
                "cloudfront.endpoint", fake.endpoint()));
        config.putAll(keys);
        CloudFrontPurgeClient client = CloudFrontPurgeClient.builder()
                .config(PurgeConfig.fromMap(config).withEnvironment(Map.of()))
                .options(ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false)
                        .listener(events::add).random(new Random(42)).build())
                .build();
        clients.add(client);
        return client;
    }

    private CloudFrontPurgeClient client() {
        return client(Map.of("cloudfront.distributionId", DIST));
    }

    private List<RecordedRequest> posts() {
        return fake.requests().stream().filter(r -> r.getMethod().equals("POST")).collect(Collectors.toList());
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    }

    private static List<String> urls(int count, String directory) {
        return IntStream.range(0, count).mapToObj(i -> "https://www.example.com/" + directory + "/file-" + i + ".js")
                .collect(Collectors.toList());
    }

    @Test
    void aPurgeSendsOneSignedInvalidationBatchWithoutAskingWhatIsInFlightFirst() {
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/index.html")
                .url("https://www.example.com/search?q=shoes").build());

        // the cold path of a fresh client: the quota is learnt only when a call may not fit, or after a refusal
        assertThat(fake.requests()).extracting(RecordedRequest::getMethod).containsExactly("POST");
        assertThat(result.stats().requests()).isEqualTo(1);
        RecordedRequest post = posts().get(0);
        assertThat(post.getTarget()).isEqualTo("/2020-05-31/distribution/" + DIST + "/invalidation");
        assertThat(post.getHeaders().get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                .contains("/us-east-1/cloudfront/aws4_request");
        assertThat(body(post)).contains("<InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">")
                .contains("<Quantity>2</Quantity>").contains("<Path>/index.html</Path>")
                .contains("<Path>/search?q=shoes</Path>").containsPattern("<CallerReference>cdn-purge-[0-9a-f]{40}"
                        + "</CallerReference>");
        CloudFrontInvalidation invalidation = fake.invalidations().get(0);
        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(result.outcomes()).allSatisfy(outcome -> {
            assertThat(outcome.vendorReference()).hasValue(invalidation.id());
            assertThat(outcome.requestId()).isPresent();
        });
        assertThat(result.stats().billableItems()).hasValue(2);
    }

    @Test
    void everyKindOfTargetBecomesItsCloudFrontPath() {
        PurgeResult result = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.distributions",
                "static.example.com=" + STATIC_DIST)).purge(PurgeRequest.builder()
                .url("https://www.example.com/caf%C3%A9/men%C3%BC.html")
                .url("https://www.example.com/über/~user/a.png")
                .prefix("https://www.example.com/assets/")
                .tag("product-42")
                .target(PurgeTarget.host("static.example.com"))
                .target(PurgeTarget.everything())
                .build());

        assertThat(result.failures()).isEmpty();
        Map<String, List<String>> paths = new HashMap<>();
        fake.invalidations().forEach(i -> paths.computeIfAbsent(i.distributionId(), d -> new ArrayList<>())
                .addAll(i.paths()));
        assertThat(paths.get(DIST)).containsExactlyInAnyOrder("/caf%C3%A9/men%C3%BC.html",
                "/%C3%BCber/%7Euser/a.png", "/assets/*", "#product-42", "/*");
        assertThat(paths.get(STATIC_DIST)).containsExactly("/*");
    }

    @Test
    void queryStringsCanBeStrippedAndSignedUrlsAreRefusedBeforeAnyCall() {
        String signed = "https://www.example.com/video.mp4?Expires=1767225600&Signature=abc&Key-Pair-Id=K2JCJMDEHXQW5F";
        assertThatThrownBy(() -> client().purge(PurgeRequest.builder().url(signed).build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("signed URL").hasMessageContaining("cloudfront.queryStrings=strip");
        assertThat(fake.requestCount()).isZero();

        client(Map.of("cloudfront.distributionId", DIST, "cloudfront.queryStrings", "strip"))
                .purge(PurgeRequest.builder().url(signed).build());
        assertThat(fake.invalidations().get(0).paths()).containsExactly("/video.mp4");
    }

    @Test
    void cloudFrontsPathRulesAreCheckedBeforeAnyCall() {
        String longPath = "https://www.example.com/" + "a".repeat(4000);
        assertThatThrownBy(() -> client().purge(PurgeRequest.builder()
                .url("https://www.example.com/img/*.png")
                .prefix("https://www.example.com/a*/")
                .tag("a,b")
                .url(longPath)
                .url("https://www.example.com/search?q=*")
                .build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .satisfies(e -> assertThat(((InvalidPurgeRequestException) e).problems()).hasSize(5))
                .hasMessageContaining("'*' in its query")
                .hasMessageContaining("PurgeTarget.prefix(\"https://www.example.com/img/\")")
                .hasMessageContaining("commas")
                .hasMessageContaining("4000");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void hostsGoToTheirMappedDistributionOrTenantAndAnUnknownHostFailsNamingTheKey() {
        PurgeResult result = client(Map.of("cloudfront.distributions", "www.example.com=" + DIST
                + ",*.cdn.example.com=" + STATIC_DIST, "cloudfront.tenants", "shop.example.org=" + TENANT))
                .purge(PurgeRequest.builder().url("https://www.example.com/a.html")
                        .url("https://img.cdn.example.com/b.png").url("https://shop.example.org/c.html")
                        .url("https://unknown.example.net/d.html").build());

        assertThat(posts()).extracting(RecordedRequest::getTarget).containsExactlyInAnyOrder(
                "/2020-05-31/distribution/" + DIST + "/invalidation",
                "/2020-05-31/distribution/" + STATIC_DIST + "/invalidation",
                "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation");
        assertThat(fake.invalidations()).filteredOn(i -> i.tenantId().isPresent()).singleElement()
                .satisfies(i -> assertThat(i.paths()).containsExactly("/c.html"));
        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error()).get()
                .extracting(Throwable::getMessage).asString().contains("unknown.example.net")
                .contains("cloudfront.distributions=unknown.example.net=<distribution id>"));
    }

    @Test
    void withoutADistributionTheHostsDistributionIsFoundByAliasAndTheListIsCached() {
        CloudFrontPurgeClient client = client(Map.of());
        client.purge(PurgeRequest.builder().url("https://static.example.com/a.css")
                .url("https://img.cdn.example.com/b.png").url("https://www.example.com/c.html").build());
        client.purge(PurgeRequest.builder().url("https://static.example.com/d.css").build());

        assertThat(fake.requests()).filteredOn(r -> r.getTarget().startsWith("/2020-05-31/distribution?"))
                .hasSize(1);
        assertThat(fake.invalidations()).extracting(CloudFrontInvalidation::distributionId)
                .containsOnly(STATIC_DIST, DIST);
        assertThat(fake.invalidations()).filteredOn(i -> i.distributionId().equals(STATIC_DIST))
                .flatExtracting(CloudFrontInvalidation::paths).containsExactlyInAnyOrder("/a.css", "/b.png",
                        "/d.css");
    }

    /**
     * The figure: 10,000 file paths on one distribution, CloudFront completing each invalidation 2 s after
     * it is created. By hand with the AWS CLI and its 20 s waiter this takes about 87 s.
     */
    @Test
    void tenThousandPathsCompleteWithinTheQuotaWithoutOneTooManyInvalidations() {
        fake.completionDelay(Duration.ofSeconds(2));
        CloudFrontPurgeClient client = client();
        Instant start = clock.instant();

        PurgeResult sent = client.purge(PurgeRequest.ofUrls(urls(10_000, "release")));
        PurgeResult done = client.awaitCompletion(sent, Duration.ofMinutes(5));
        Duration elapsed = Duration.between(start, clock.instant());

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(done.outcomes()).hasSize(10_000);
        assertThat(fake.tooManyInvalidationsAnswers()).isZero();
        assertThat(fake.invalidations()).hasSize(4)
                .extracting(i -> i.paths().size()).containsExactlyInAnyOrder(3000, 3000, 3000, 1000);
        assertThat(fake.maxFilePathsInFlight()).isEqualTo(3000);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(20));
        System.out.printf("10,000 paths: %d invalidations, %d TooManyInvalidationsInProgress, %d requests "
                        + "(%d GetInvalidation), %s on the clock with a 2 s completion delay%n",
                fake.invalidations().size(), fake.tooManyInvalidationsAnswers(), fake.requestCount(),
                fake.requests().stream().filter(r -> r.getMethod().equals("GET")
                        && r.getTarget().matches(".*/invalidation/I[A-Z0-9]+")).count(), elapsed);
    }

    @Test
    void aRetryAfterALostResponseLeavesExactlyOneInvalidation() {
        fake.dropResponseNext(1);
        PurgeResult result = client().purge(PurgeRequest.builder().urls(urls(3, "lost")).build());

        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(posts()).hasSize(2);
        assertThat(body(posts().get(0))).isEqualTo(body(posts().get(1)));
        assertThat(fake.invalidations()).singleElement()
                .satisfies(i -> assertThat(result.vendorReferences()).containsExactly(i.id()));
    }

    @Test
    void compactionTurnsTwoThousandFilesInTenDirectoriesIntoTenBillablePaths() {
        List<String> files = new ArrayList<>();
        for (int dir = 0; dir < 10; dir++) {
            files.addAll(urls(200, "dir-" + dir));
        }
        PurgeRequest request = PurgeRequest.ofUrls(files);

        PurgePlan plain = client().plan(request);
        PurgePlan compacted = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.compaction.enabled",
                "true")).plan(request);

        assertThat(plain.billableItems()).hasValue(2000);
        assertThat(compacted.billableItems()).hasValue(10);
        assertThat(compacted.calls()).singleElement().satisfies(call -> assertThat(call.description())
                .contains("paths×10 (10 wildcards)").contains("compacted 2000 files")
                .contains("/dir-0/*"));
        System.out.printf("compaction: 2,000 files under 10 directories -> %d billable paths (%d without)%n",
                compacted.billableItems().getAsLong(), plain.billableItems().getAsLong());

        PurgeResult result = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.compaction.enabled",
                "true")).purge(request);
        assertThat(result.outcomes()).hasSize(2000).allMatch(o -> o.status() == TargetOutcome.Status.IN_PROGRESS);
        assertThat(result.stats().billableItems()).hasValue(10);
        assertThat(fake.invalidations()).singleElement().satisfies(i -> assertThat(i.paths())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(d -> "/dir-" + d + "/*")
                        .collect(Collectors.toList())));
    }

    @Test
    void compactionLeavesSmallDirectoriesAndTheRootAlone() {
        List<String> files = new ArrayList<>(urls(3, "few"));
        files.add("https://www.example.com/top.html");
        files.add("https://www.example.com/other.html");
        files.add("https://www.example.com/third.html");
        PurgePlan plan = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.compaction.enabled", "true",
                "cloudfront.compaction.minFiles", "3")).plan(PurgeRequest.ofUrls(files));
        // /few/ has 3 files and collapses; the root has 3 too, but minDepth 1 never allows /*
        assertThat(plan.billableItems()).hasValue(4);
        assertThat(plan.calls().get(0).description()).contains("compacted 3 files into [/few/*]")
                .doesNotContain("[/*");
    }

    @Test
    void anIdempotencyKeyMakesARepeatFromAnotherClientTheSameInvalidation() {
        PurgeRequest request = PurgeRequest.builder().url("https://www.example.com/a.html").idempotencyKey("publish-77")
                .build();
        PurgeResult first = client().purge(request);
        PurgeResult again = client().purge(request);

        assertThat(fake.invalidations()).hasSize(1);
        assertThat(again.vendorReferences()).isEqualTo(first.vendorReferences());

        PurgeResult reused = client().purge(PurgeRequest.builder().url("https://www.example.com/b.html")
                .idempotencyKey("publish-77").build());
        // the CallerReference hashes the paths as well as the key: other paths are another invalidation
        assertThat(reused.failures()).isEmpty();
        assertThat(fake.invalidations()).hasSize(2);
        assertThat(fake.invalidations().get(0).callerReference())
                .isNotEqualTo(fake.invalidations().get(1).callerReference());
    }

    @Test
    void withoutAKeyAnIdenticalPurgeIsFoldedIntoAnInProgressOneButNeverIntoACompletedOne() {
        PurgeRequest request = PurgeRequest.builder().url("https://www.example.com/a.html").build();
        client().purge(request);
        client().purge(request);
        assertThat(fake.invalidations()).hasSize(1);

        clock.advance(Duration.ofSeconds(10)); // complete (2 s), still within the 1-minute window
        PurgeResult later = client().purge(request);
        assertThat(fake.invalidations()).hasSize(2);
        assertThat(later.vendorReferences()).containsExactly(fake.invalidations().get(1).id());
    }

    @Test
    void aCompletedInvalidationIsNotReusedEvenWhenTheFirstAttemptWasThrottled() {
        PurgeRequest request = PurgeRequest.builder().url("https://www.example.com/a.html").build();
        client().purge(request);
        clock.advance(Duration.ofSeconds(10));
        fake.scriptOnly("cloudfront:CreateInvalidation").throttleNext(1);

        PurgeResult later = client().purge(request);

        assertThat(fake.invalidations()).hasSize(2);
        assertThat(later.vendorReferences()).containsExactly(fake.invalidations().get(1).id());
    }

    @Test
    void aSignatureErrorQuotingTheCanonicalRequestNeverShowsTheSessionToken() {
        String token = "FwoGZXIvYXdzEBYaDHsessiontokenvalue0123456789";
        fake.scriptOnly("cloudfront:CreateInvalidation").failNext(1, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.\n\nThe Canonical "
                        + "String for this request should have been\n'POST\n/2020-05-31/distribution/" + DIST
                        + "/invalidation\n\nhost:cloudfront.amazonaws.com\nx-amz-security-token:" + token + "\n'");
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/a").build());

        String message = result.failures().get(0).error().orElseThrow().getMessage();
        assertThat(message).contains("SignatureDoesNotMatch").contains("does not match").doesNotContain(token);
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(token));
    }

    @Test
    void aRefusedDiscoveryIsAskedOnceForAllTheTargetsOfAPurge() {
        fake.deny("cloudfront:ListDistributions");
        PurgeResult result = client(Map.of()).purge(PurgeRequest.ofUrls(urls(50, "d")));
        assertThat(result.failures()).hasSize(50);
        assertThat(fake.requests()).filteredOn(r -> r.getTarget().startsWith("/2020-05-31/distribution?"))
                .hasSize(1);
    }

    @Test
    void anIdempotencyKeyReusedForOtherPathsFailsNamingTheCause() {
        fake.failNext(1, 409, "InvalidationBatchAlreadyExists", "The CallerReference is already in use.");
        fake.scriptOnly("cloudfront:CreateInvalidation");
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/a.html")
                .idempotencyKey("k").build());
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.error()).get()
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .extracting(Throwable::getMessage).asString().contains("idempotency key"));
        assertThat(posts()).hasSize(1);
    }

    @Test
    void accessDeniedNamesTheIamActionOfTheCallThatWasRefused() {
        fake.deny("cloudfront:ListInvalidations");
        fake.inProgressInvalidation(DIST, 3000, 0);
        PurgeResult listing = client().purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        // refused for a full quota, the call must learn what is in flight, and may not list it
        assertThat(permission(listing)).isEqualTo("cloudfront:ListInvalidations");
        assertThat(posts()).hasSize(1);
        assertThat(fake.tooManyInvalidationsAnswers()).isEqualTo(1);

        fake.deny("cloudfront:ListDistributions");
        PurgeResult discovery = client(Map.of()).purge(PurgeRequest.builder().url("https://x.example.com/a")
                .build());
        assertThat(permission(discovery)).isEqualTo("cloudfront:ListDistributions");
    }

    @Test
    void accessDeniedOnCreateInvalidationNamesIt() {
        fake.deny("cloudfront:CreateInvalidation");
        PurgeResult result = client().purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        assertThat(permission(result)).isEqualTo("cloudfront:CreateInvalidation");
        assertThat(result.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("allow cloudfront:CreateInvalidation in its IAM policy");
    }

    private static String permission(PurgeResult result) {
        PurgeException error = result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(PurgePermissionException.class);
        assertThat(error.retryable()).isFalse();
        return ((PurgePermissionException) error).permission();
    }

    @Test
    void anUnknownDistributionFailsNamingItWithoutRetrying() {
        PurgeResult result = client(Map.of("cloudfront.distributionId", "E0000000000000"))
                .purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        PurgeServiceException error = (PurgeServiceException) result.failures().get(0).error().orElseThrow();
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.vendorCode()).hasValue("NoSuchDistribution");
        assertThat(error.getMessage()).contains("E0000000000000").contains("cloudfront.distributionId");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void rateExceededIsRetriedAndAFullQuotaFromAnotherClientIsBackPressure() {
        fake.scriptOnly("cloudfront:CreateInvalidation").throttleNext(2);
        PurgeResult throttled = client().purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        assertThat(throttled.failures()).isEmpty();
        assertThat(throttled.stats().throttled()).isEqualTo(2);

        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributionId", DIST, "cloudfront.maxAttempts",
                "1"));
        client.purge(PurgeRequest.builder().url("https://www.example.com/warm-up").build());
        clock.advance(Duration.ofSeconds(5));
        fake.inProgressInvalidation(DIST, 2990, 0); // another deploy, after this client learnt what was in flight
        PurgeResult result = client.purge(PurgeRequest.ofUrls(urls(20, "late")));

        assertThat(result.failures()).isEmpty();
        assertThat(fake.tooManyInvalidationsAnswers()).isEqualTo(1);
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(PurgeEvent.Type.QUEUED));
    }

    @Test
    void awaitCompletionPollsGetInvalidationFromAboutOneSecond() {
        fake.completionDelay(Duration.ofSeconds(3));
        CloudFrontPurgeClient client = client();
        PurgeResult sent = client.purge(PurgeRequest.builder().url("https://www.example.com/a").build());
        List<Duration> before = clock.sleeps();

        PurgeResult done = client.awaitCompletion(sent, Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(clock.sleeps().subList(before.size(), clock.sleeps().size()))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(fake.requests().get(fake.requests().size() - 1).getTarget())
                .isEqualTo("/2020-05-31/distribution/" + DIST + "/invalidation/" + fake.invalidations().get(0).id());
    }

    @Test
    void aTenantsInvalidationsGoThroughTheTenantOperations() {
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributionTenantId", TENANT));
        PurgeResult sent = client.purge(PurgeRequest.builder().url("https://shop.example.org/a").build());
        clock.advance(Duration.ofSeconds(3));
        assertThat(client.status(sent).status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        // the tenant's distribution, whose quota it counts against; the create; the status question
        assertThat(fake.requests()).extracting(RecordedRequest::getTarget).containsExactly(
                "/2020-05-31/distribution-tenant/" + TENANT,
                "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation",
                "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation/" + fake.invalidations().get(0).id());
    }

    @Test
    void theFreeTierTrackerRefusesACallPastTheHardCapAndKeepsItsCountInTheStateFile(@TempDir Path dir) {
        Path state = dir.resolve("cloudfront-paths");
        Map<String, String> keys = Map.of("cloudfront.distributionId", DIST, "cloudfront.freeTier.enabled", "true",
                "cloudfront.freeTier.warnAt", "5", "cloudfront.freeTier.hardCap", "10",
                "cloudfront.freeTier.stateFile", state.toString());
        PurgeClient first = client(keys);
        first.purge(PurgeRequest.ofUrls(urls(8, "a")));
        assertThat(first.health()).singleElement().satisfies(health -> assertThat(health.gauges())
                .containsEntry("pathsThisMonth", 8L));
        PurgeResult refused = client(keys).purge(PurgeRequest.ofUrls(urls(3, "b")));

        assertThat(refused.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(refused.failures().get(0).error()).get().extracting(Throwable::getMessage).asString()
                .contains("cloudfront.freeTier.hardCap (10)").contains("11");
        assertThat(posts()).hasSize(1);
        assertThat(state).content().isEqualTo("2026-11 8\n");
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> client(Map.of("cloudfront.distributionId", "d111.cloudfront.net",
                "cloudfront.secretAccessKey", "", "cloudfront.queryStrings", "drop",
                "cloudfront.compaction.minFiles", "1", "cloudfront.distributionID", "E1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("cloudfront.distributionId").contains("E2QWRUHAPOMQZL"))
                        .anySatisfy(p -> assertThat(p).contains("cloudfront.secretAccessKey"))
                        .anySatisfy(p -> assertThat(p).contains("cloudfront.queryStrings"))
                        .anySatisfy(p -> assertThat(p).contains("cloudfront.compaction.minFiles"))
                        .anySatisfy(p -> assertThat(p).contains("unknown key cloudfront.distributionID")));
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aSessionTokenAndTheSecretNeverAppearInResultsEventsOrErrors() {
        String token = "IQoJb3JpZ2luX2VjEPr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDsessiontoken0123456789";
        fake.deny("cloudfront:CreateInvalidation");
        CloudFrontPurgeClient client = client(Map.of("cloudfront.distributionId", DIST,
                "cloudfront.sessionToken", token));
        PurgeResult result = client.purge(PurgeRequest.builder().url("https://www.example.com/a").build());

        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.getHeaders().get("X-Amz-Security-Token"))
                .isEqualTo(token));
        List<String> texts = new ArrayList<>();
        texts.add(result.toString());
        texts.add(client.toString());
        result.failures().forEach(f -> texts.add(f.error().orElseThrow().getMessage()));
        events.forEach(e -> texts.add(e.toString()));
        assertThatThrownBy(() -> client(Map.of("cloudfront.sessionToken", token, "cloudfront.accessKeyId", "bad")))
                .satisfies(e -> texts.add(e.getMessage()));
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(token)
                .doesNotContain(SECRET_KEY));
    }

    @Test
    void neitherTheApacheNorTheNettyHttpClientIsOnTheClasspath() {
        for (String name : List.of("software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient")) {
            assertThatThrownBy(() -> Class.forName(name)).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
