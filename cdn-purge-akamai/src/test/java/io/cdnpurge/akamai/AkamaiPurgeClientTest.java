package io.cdnpurge.akamai;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeAuthenticationException;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgePermissionException;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeServiceException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.fakes.akamai.AkamaiPurgeCall;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AkamaiPurgeClientTest {
    private final FakeClock clock = new FakeClock();
    private final FakeAkamaiApi fake = FakeAkamaiApi.start().clock(clock);
    private final List<PurgeClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(PurgeClient::close);
        fake.close();
    }

    private Map<String, String> config(String... more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "akamai.host", fake.host(),
                "akamai.clientToken", fake.clientToken(),
                "akamai.clientSecret", fake.clientSecret(),
                "akamai.accessToken", fake.accessToken(),
                "akamai.endpoint", fake.endpoint()));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return values;
    }

    private PurgeClient client(String... more) {
        return client(PurgeConfig.fromMap(config(more)).withEnvironment(Map.of()));
    }

    private PurgeClient client(PurgeConfig config) {
        PurgeClient client = CdnPurge.client("akamai", config, ClientOptions.builder().clock(clock)
                .sleeper(clock.sleeper()).logging(false).random(new java.util.Random(7)).build());
        clients.add(client);
        return client;
    }

    private static PurgeRequest urls(String... urls) {
        return PurgeRequest.ofUrls(List.of(urls));
    }

    /** About 80 characters each, like real page and asset URLs. */
    private static String url(int i) {
        return String.format("https://www.example.com/catalogue/electronics/item-%06d/overview-page.html?v=2", i);
    }

    @Test
    void twentyThousandUrlsGoInTheFewestBodiesWithinFiftyThousandBytes() {
        // one call at a time: the sleeps of concurrent calls would all add up on the one fake clock
        PurgeClient client = client("akamai.concurrency", "1");
        List<PurgeTarget> targets = new ArrayList<>();
        long totalBytes = 0;
        for (int i = 0; i < 20_000; i++) {
            targets.add(PurgeTarget.url(url(i)));
            totalBytes += url(i).length() + 2 + 1; // quotes and comma
        }
        assertThat(url(0)).hasSize(80);
        PurgeRequest request = PurgeRequest.builder().targets(targets).build();

        PurgePlan plan = client.plan(request);
        PurgeResult result = client.purge(request);

        // the byte lower bound: all objects with their separators over what one body holds
        long perBody = FakeAkamaiApi.MAX_BODY_BYTES - 14 + 1;
        long lowerBound = (totalBytes + perBody - 1) / perBody;
        assertThat(plan.minimumCalls()).isEqualTo(lowerBound).isEqualTo(34);
        assertThat(plan.calls()).hasSize(34);
        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).hasSize(20_000);
        assertThat(fake.purgeCalls()).hasSize(34)
                .allSatisfy(call -> {
                    assertThat(call.status()).isEqualTo(201);
                    assertThat(call.bodyBytes()).isLessThanOrEqualTo(50_000);
                });
        assertThat(fake.purgedObjects()).hasSize(20_000).doesNotHaveDuplicates();
        // 10,000 URLs come from the full bucket; the rest refill at 200 a second
        assertThat(clock.slept()).isBetween(Duration.ofSeconds(49), Duration.ofSeconds(51));
        assertThat(result.stats().throttled()).isZero();
    }

    /** Another API client of the account spends URL tokens: this client's own limiter cannot know. */
    private void drainUrlBucketTo(int left) {
        PurgeClient other = client("akamai.rateLimit.enabled", "false");
        List<PurgeTarget> drain = new ArrayList<>();
        for (int i = 0; i < 10_000 - left; i++) {
            drain.add(PurgeTarget.url(url(i)));
        }
        assertThat(other.purge(PurgeRequest.builder().targets(drain).build()).failures()).isEmpty();
    }

    @Test
    void aThrottledCallWaitsWhatTheBucketsSayAndThenSucceeds() {
        drainUrlBucketTo(50);
        PurgeClient client = client();
        List<PurgeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            targets.add(PurgeTarget.url(url(100_000 + i)));
        }

        PurgeResult result = client.purge(PurgeRequest.builder().targets(targets).build());

        List<AkamaiPurgeCall> calls = fake.purgeCalls().subList(fake.purgeCalls().size() - 2,
                fake.purgeCalls().size());
        assertThat(calls).extracting(AkamaiPurgeCall::status).containsExactly(429, 201);
        assertThat(calls.get(0).title()).hasValue("URL Rate Limit exceeded");
        // 150 URLs asked, 50 left: 100 short at 200 a second is 0.5 s, raised to the 1 s floor (other API clients
        // of the account draw from the same bucket)
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().throttled()).isEqualTo(1);
        assertThat(result.stats().retries()).isEqualTo(1);
    }

    @Test
    void aThrottleOfAManyObjectCallWaitsForTheMissingObjectsAtTheRefillRate() {
        drainUrlBucketTo(0);
        List<PurgeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            targets.add(PurgeTarget.url(url(200_000 + i)));
        }

        PurgeResult result = client().purge(PurgeRequest.builder().targets(targets).build());

        // the bucket is empty: 600 URLs at 200 a second
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().throttled()).isEqualTo(1);
    }

    @Test
    void anEmptyRequestBucketIsWaitedOutForFiveSecondsAsAkamaiAdvises() {
        fake.failNextWith429(1, "Rate Limit exceeded", 100, 1, 0);

        PurgeResult result = client().purge(urls("https://www.example.com/a.css"));

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aCallLargerThanTheAccountsBucketFailsAtOnceSayingWhichSettingToLower() {
        fake.failNextWith429(1, "TAG Rate Limit exceeded", 1, 2, 0);

        PurgeResult result = client().purge(PurgeRequest.builder().tag("a").tag("b").build());

        assertThat(result.failures()).hasSize(2).allSatisfy(outcome -> assertThat(outcome.error().orElseThrow())
                .hasMessageContaining("more than the account's bucket of 1 holds")
                .hasMessageContaining("akamai.rateLimit.tags.burst")
                .satisfies(error -> assertThat(error.retryable()).isFalse()));
        assertThat(fake.purgeCalls()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void tagsAkamaiWouldIgnoreOrRefuseAreRefusedBeforeAnyRequest() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag("x".repeat(129)).build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("129 characters long")
                .hasMessageContaining("purges nothing");
        for (String tag : List.of("a/b", "a:b", "a,b", "a=b", "a@b", "a*b", "a\\b")) {
            assertThatThrownBy(() -> client.purge(PurgeRequest.builder().tag(tag).build()))
                    .as(tag).isInstanceOf(InvalidPurgeRequestException.class)
                    .hasMessageContaining("cannot contain");
        }
        assertThat(fake.requestCount()).isZero();
        assertThat(client.purge(PurgeRequest.builder().tag("fall-sale_2026.v1").tag("x".repeat(128)).build())
                .failures()).isEmpty();
    }

    @Test
    void aUrlPurgeIsASignedJsonPostOfItsObjects() {
        PurgeResult result = client().purge(urls("https://www.example.com/a.css",
                "https://www.example.com/b?x=1&y=%20"));

        AkamaiPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.status()).isEqualTo(201);
        assertThat(call.operation()).isEqualTo("invalidate");
        assertThat(call.type()).isEqualTo("url");
        assertThat(call.network()).isEqualTo("production");
        // compact JSON, as the byte budget counted it; the longer object first (first-fit decreasing)
        assertThat(call.body()).isEqualTo("{\"objects\":[\"https://www.example.com/b?x=1&y=%20\","
                + "\"https://www.example.com/a.css\"]}");
        assertThat(call.headers().get("content-type")).containsExactly("application/json; charset=utf-8");
        assertThat(call.headers().get("authorization").get(0))
                .startsWith("EG1-HMAC-SHA256 client_token=" + fake.clientToken() + ";access_token=")
                .contains(";timestamp=").contains(";nonce=").contains(";signature=");
        assertThat(result.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
    }

    @Test
    void resultsCarryThePurgeIdSupportIdAndAkamaisEstimate() {
        PurgeClient client = client();
        PurgeResult result = client.purge(urls("https://www.example.com/a.css"));

        TargetOutcome outcome = result.outcomes().get(0);
        String purgeId = fake.purgeCalls().get(0).purgeId().orElseThrow();
        String supportId = fake.purgeCalls().get(0).supportId();
        assertThat(purgeId).isNotEqualTo(supportId);
        assertThat(outcome.status()).isEqualTo(TargetOutcome.Status.IN_PROGRESS);
        assertThat(outcome.vendorReference()).hasValue(purgeId);
        assertThat(outcome.requestId()).hasValue(supportId);
        assertThat(outcome.estimatedCompletion()).hasValue(clock.instant().plusSeconds(5));

        PurgeResult done = client.awaitCompletion(result, Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(done.outcomes().get(0).requestId()).hasValue(supportId);
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void deleteModeStagingAndAnAccountSwitchKeyShapeThePath() {
        client("akamai.network", "staging", "akamai.accountSwitchKey", "1-ABCD:1-2345")
                .purge(PurgeRequest.builder().cpCode(12345).cpCode(98765).mode(PurgeMode.DELETE).build());

        AkamaiPurgeCall call = fake.purgeCalls().get(0);
        assertThat(call.status()).isEqualTo(201);
        assertThat(call.operation()).isEqualTo("delete");
        assertThat(call.type()).isEqualTo("cpcode");
        assertThat(call.network()).isEqualTo("staging");
        assertThat(call.accountSwitchKey()).hasValue("1-ABCD:1-2345");
        assertThat(call.body()).isEqualTo("{\"objects\":[12345,98765]}");
    }

    @Test
    void eachObjectTypeGoesInARequestOfItsOwn() {
        PurgeResult result = client().purge(PurgeRequest.builder()
                .url("https://www.example.com/").tag("black-friday").tag("electronics").cpCode(12345).build());

        assertThat(result.failures()).isEmpty();
        assertThat(fake.purgeCalls()).extracting(AkamaiPurgeCall::type)
                .containsExactlyInAnyOrder("url", "tag", "cpcode");
        assertThat(fake.purgeCalls()).filteredOn(call -> call.type().equals("tag"))
                .singleElement().extracting(AkamaiPurgeCall::body)
                .isEqualTo("{\"objects\":[\"black-friday\",\"electronics\"]}");
    }

    @Test
    void prefixHostAndEverythingAreRefusedNamingCpCodeAndTagPurges() {
        PurgeClient client = client();
        PurgeRequest request = PurgeRequest.builder().prefix("https://www.example.com/assets/")
                .host("www.example.com").everything().build();

        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOfSatisfying(UnsupportedPurgeException.class, e -> assertThat(e.problems())
                        .hasSize(3)
                        .allSatisfy(problem -> assertThat(problem).contains("PurgeTarget.cpCode")
                                .contains("PurgeTarget.tag")))
                .hasMessageContaining("no prefix purge").hasMessageContaining("no purge-all");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aNonAsciiUrlIsSentPercentEncodedAsUtf8AsBrowsersRequestIt() {
        PurgeResult result = client().purge(urls("https://www.example.com/café"));

        assertThat(result.failures()).isEmpty();
        assertThat(fake.purgedObjects()).containsExactly("https://www.example.com/caf%C3%A9");
    }

    @Test
    void aUrlWithCacheKeyHeadersIsRefusedBeforeAnyRequest() {
        PurgeClient client = client();

        assertThatThrownBy(() -> client.purge(PurgeRequest.builder()
                .target(PurgeTarget.url("https://www.example.com/", Map.of("Accept-Language", "de"))).build()))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("cache-key headers");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void aRejectedSignatureSaysWhatToCheck() {
        PurgeResult result = client("akamai.clientSecret", "d3JvbmctY2xpZW50LXNlY3JldC0wMDAwMDAwMDAwMDA=")
                .purge(urls("https://www.example.com/a.css"));

        assertThat(result.failures()).singleElement().satisfies(outcome ->
                assertThat(outcome.error().orElseThrow())
                        .isInstanceOf(PurgeAuthenticationException.class)
                        .hasMessageContaining("The signature does not match")
                        .hasMessageContaining("belong to one API client")
                        .hasMessageContaining("that credential's host"));
        assertThat(fake.purgeCalls()).hasSize(1);
    }

    @Test
    void aForbiddenPurgeNamesTheCcuApisPermission() {
        fake.failNext(1, 403, "unauthorized arl", "https://www.example.com/a.css");

        PurgeResult result = client().purge(urls("https://www.example.com/a.css"));

        PurgeServiceException error = (PurgeServiceException) result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(PurgePermissionException.class);
        assertThat(((PurgePermissionException) error).permission()).isEqualTo("CCU APIs (READ-WRITE)");
        assertThat(error).hasMessageContaining("unauthorized arl").hasMessageContaining("https://www.example.com/a.css")
                .hasMessageContaining("request id scripted");
    }

    @Test
    void credentialsComeFromAnEdgercSectionNamedByTheEnvironment(@TempDir Path dir) throws IOException {
        Path edgerc = Files.writeString(dir.resolve("edgerc"), "[default]\nhost = wrong.example.net\n"
                + "client_token = x\nclient_secret = x\naccess_token = x\n\n[ccu] ; purge credential\n"
                + "host = https://" + fake.host() + "/\nclient_token = " + fake.clientToken() + "\n"
                + "client_secret = \"" + fake.clientSecret() + "\"\naccess_token = " + fake.accessToken() + "\n"
                + "max-body = 131072\n");
        PurgeConfig config = PurgeConfig.fromMap(Map.of("akamai.endpoint", fake.endpoint()))
                .withEnvironment(Map.of("AKAMAI_EDGERC", edgerc.toString(), "AKAMAI_EDGERC_SECTION", "ccu"));

        PurgeResult result = client(config).purge(urls("https://www.example.com/a.css"));

        assertThat(result.failures()).isEmpty();
        assertThat(fake.purgeCalls()).singleElement().extracting(AkamaiPurgeCall::status).isEqualTo(201);
    }

    @Test
    void aSmallMaxBodyInTheEdgercIsReportedBeforeAnyRequest(@TempDir Path dir) throws IOException {
        Path edgerc = Files.writeString(dir.resolve("edgerc"), "[default]\nhost = " + fake.host()
                + "\nclient_token = ct\nclient_secret = cs\naccess_token = at\nmax_body = 8192\n");
        PurgeConfig config = PurgeConfig.fromMap(Map.of("akamai.edgerc", edgerc.toString(),
                "akamai.endpoint", fake.endpoint())).withEnvironment(Map.of());

        assertThatThrownBy(() -> client(config))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max_body 8192 in " + edgerc + " [default]")
                .hasMessageContaining("set max_body = 131072");
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnce() {
        Map<String, String> values = config("akamai.network", "live", "akamai.maxBodyBytes", "60000",
                "akamai.edgercSectoin", "ccu");
        values.remove("akamai.accessToken");

        assertThatThrownBy(() -> client(PurgeConfig.fromMap(values).withEnvironment(Map.of())))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("akamai.accessToken is missing"))
                        .anySatisfy(p -> assertThat(p).contains("akamai.network is 'live'"))
                        .anySatisfy(p -> assertThat(p).contains("akamai.maxBodyBytes is '60000'"))
                        .anySatisfy(p -> assertThat(p).contains("unknown key akamai.edgercSectoin")))
                .hasMessageNotContaining(fake.clientSecret());
    }

    @Test
    void credentialKeysTogetherWithAnEdgercFileAreReportedAsAConflict() {
        assertThatThrownBy(() -> client(PurgeConfig.fromMap(config("akamai.edgercSection", "ccu"))
                .withEnvironment(Map.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("akamai.edgercSection is set together with credential keys");
    }

    @Test
    void withoutAnyCredentialTheMessageSaysWhereToPutOne(@TempDir Path dir) {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("akamai.edgerc", dir.resolve("none").toString()))
                .withEnvironment(Map.of());

        assertThatThrownBy(() -> client(config))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no .edgerc file at " + dir.resolve("none"))
                .hasMessageContaining("akamai.host, akamai.clientToken, akamai.clientSecret and akamai.accessToken");
    }

    @Test
    void theTypedBuilderMakesTheSameCall() {
        try (AkamaiPurgeClient client = AkamaiPurgeClient.builder()
                .credential(fake.host(), fake.clientToken(), fake.clientSecret(), fake.accessToken())
                .endpoint(fake.endpoint())
                .network(AkamaiNetwork.STAGING)
                .options(ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build())
                .build()) {
            PurgeResult result = client.purge(PurgeRequest.builder().tag("home").build());

            assertThat(result.failures()).isEmpty();
            assertThat(client.toString()).doesNotContain(fake.clientSecret()).doesNotContain(fake.accessToken());
        }
        assertThat(fake.purgeCalls()).singleElement().satisfies(call -> {
            assertThat(call.network()).isEqualTo("staging");
            assertThat(call.type()).isEqualTo("tag");
        });
    }

    @Test
    void discoveryListsAkamai() {
        assertThat(CdnPurge.providers()).contains("akamai");
        assertThat(CdnPurge.provider("akamai").capabilities().limit(PurgeTarget.Kind.URL).orElseThrow().maxBytes())
                .isEqualTo(50_000);
    }

    @Test
    void anHtmlPageInsteadOfTheAcknowledgementIsNeverTakenForAPurge() {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 53; i++) {
            request.url(url(i));
        }
        fake.answerNext(1, 200, Map.of("Content-Type", "text/html"), "<html>oops</html>");

        PurgeResult once = client().purge(request.build());

        assertThat(once.failures()).isEmpty();
        assertThat(once.outcomes()).hasSize(53).allSatisfy(outcome -> assertThat(outcome.status())
                .isEqualTo(TargetOutcome.Status.IN_PROGRESS));
        assertThat(fake.requestCount()).isEqualTo(2);
        System.out.printf("Akamai answering 200 <html>oops</html> once to one call of 53 URLs: %s, %d requests "
                + "(the call sent again)%n", once.status(), fake.requestCount());

        fake.answerNext(5, 200, Map.of("Content-Type", "text/html"), "<html>oops</html>");
        PurgeResult always = client().purge(request.build());

        assertThat(always.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(always.failures()).hasSize(53).allSatisfy(outcome -> assertThat(outcome.error()).get()
                .extracting(Throwable::getMessage).asString().contains("'<html>oops</html>' (text/html)")
                .contains("not its acknowledgement"));
        assertThat(fake.requestCount()).isEqualTo(7);
        System.out.printf("Akamai answering 200 <html>oops</html> to every attempt: 53 targets %s, %d requests: %s%n",
                always.status(), fake.requestCount() - 2, always.failures().get(0).error().orElseThrow().getMessage());
    }

    @Test
    void aThrottleOfTheTagBucketHoldsBackTagPurgesOnly() {
        PurgeClient client = client("akamai.concurrency", "1");
        // the account's tag bucket is empty: 10 minutes to refill 5,000 tags, more than retry.maxRetryAfter (2m)
        fake.failNextWith429(1, "TAG Rate Limit exceeded", 5000, 5000, 0);

        PurgeResult tagged = client.purge(PurgeRequest.builder().tag("t-1").build());
        PurgeResult urls = client.purge(urls(url(1), url(2)));
        assertThat(clock.sleeps()).isEmpty();
        PurgeResult moreTags = client.purge(PurgeRequest.builder().tag("t-2").build());

        assertThat(tagged.status()).isEqualTo(PurgeResult.Status.FAILED);
        // the URL bucket and the request bucket were not named: a URL purge right after waits for nothing
        assertThat(urls.failures()).isEmpty();
        // the tag bucket was: the next tag purge waits the two minutes the client allows
        assertThat(moreTags.failures()).isEmpty();
        assertThat(clock.sleeps()).singleElement().isEqualTo(Duration.ofMinutes(2));
    }
}
