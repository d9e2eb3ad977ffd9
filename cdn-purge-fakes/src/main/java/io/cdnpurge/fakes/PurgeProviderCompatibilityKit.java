package io.cdnpurge.fakes;

import io.cdnpurge.testing.FakeClock;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.AuditTrail;
import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.InvalidPurgeRequestException;
import io.cdnpurge.PurgeAuthenticationException;
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
import io.cdnpurge.Slf4jPurgeListener;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.UnknownProviderException;
import io.cdnpurge.UnsupportedPurgeException;
import io.cdnpurge.spi.ConfigKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every provider shares, as one JUnit 5 suite. A provider module extends it, starts its fake vendor
 * API (a {@link FakeVendorApi}) in a {@code @BeforeEach}, and names four things; the kit scripts the fake through its
 * shared interface and does the rest: discovery by id, config validation, success mapping, 401/403/429/5xx/timeout
 * mapping, batching at the limit, unsupported kinds, and no credential in any log line, event, exception or
 * {@code toString()}.
 *
 * <pre>{@code
 * class CloudflareCompatibilityTest extends PurgeProviderCompatibilityKit {
 *     FakeCloudflareApi fake;
 *     @BeforeEach void start() { fake = FakeCloudflareApi.start(); }
 *     @AfterEach void stop() { fake.close(); }
 *     protected FakeVendorApi fake() { return fake; }
 *     protected PurgeRequest sampleRequest() {
 *         return PurgeRequest.builder().url("https://www.example.com/a").build();
 *     }
 *     protected PurgeTarget batchableTarget(int i) { return PurgeTarget.url("https://www.example.com/page/" + i); }
 *     protected Pattern urlPurgeEndpoint() { return Pattern.compile("POST /client/v4/zones/[0-9a-f]+/purge_cache"); }
 * }
 * }</pre>
 *
 * <p>The other hooks have defaults from the fake and may be overridden where a vendor differs. Clients run on the
 * fake's {@link FakeClock}: retries and rate limits never sleep. The one real wait is the timeout test,
 * which needs a socket read timeout; it sets {@code <id>.timeout} to 250ms for itself.
 */
public abstract class PurgeProviderCompatibilityKit {
    private final List<PurgeClient> clients = new ArrayList<>();
    private final List<PurgeEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final CapturingLogger log = new CapturingLogger();
    private final StringBuffer auditLines = new StringBuffer();

    /**
     * The running fake of the vendor's API, started by the test (in a {@code @BeforeEach}) and closed by it. The kit
     * scripts and reads it through {@link FakeVendorApi}, and runs its clients on the fake's clock.
     */
    protected abstract FakeVendorApi fake();

    /** A small request the provider supports, that fits in one call. */
    protected abstract PurgeRequest sampleRequest();

    /** The {@code index}-th distinct target of a kind the provider batches, for tests at the batch limit. */
    protected abstract PurgeTarget batchableTarget(int index);

    /** What a URL purge of a target on {@code www.example.com} may send: the provider's URL purge endpoint. */
    protected abstract Pattern urlPurgeEndpoint();

    /** The provider id under test: the fake's. */
    protected String providerId() {
        return fake().providerId();
    }

    /** A complete, valid configuration pointing at the running fake, including {@link #secrets()}: the fake's. */
    protected Map<String, String> config() {
        return fake().clientConfig();
    }

    /** The credential values in {@link #config()}; none may ever be printed. */
    protected List<String> secrets() {
        return fake().secrets();
    }

    /**
     * The key whose absence leaves the provider without a credential: the first secret key of its schema, e.g.
     * {@code cloudflare.apiToken}.
     */
    protected String credentialKey() {
        for (ConfigKey<?> key : CdnPurge.provider(providerId()).schema().keys()) {
            if (key.isSecret()) {
                return providerId() + "." + key.name();
            }
        }
        throw new IllegalStateException(providerId() + " declares no secret key: override credentialKey()");
    }

    /** Purge requests the fake has received so far. */
    protected int vendorRequests() {
        return fake().purgeRequestCount();
    }

    /** Every request the fake received so far, as {@code METHOD target} with the target exactly as sent. */
    protected List<String> vendorRequestLines() {
        return fake().requestLines();
    }

    /** What the fake purged for URL targets, in the vendor's own form, in order. */
    protected List<String> purgedUrls() {
        return fake().purgedUrls();
    }

    /** How a URL target appears in {@link #purgedUrls()}: its canonical value unless the vendor writes it otherwise. */
    protected String vendorFormOf(PurgeTarget url) {
        return url.value();
    }

    /** The fake gives the next {@code count} purge requests exactly this answer, whatever they hold. */
    protected void nextAnswersAre(int count, int httpStatus, Map<String, String> headers, String body) {
        fake().answerNext(count, httpStatus, headers, body);
    }

    /** The status of the vendor's acknowledgement of a purge: 200, or 201 (Akamai, CloudFront). */
    protected int acknowledgementStatus() {
        return 200;
    }

    /**
     * For a provider with a status API: the fake refuses every later status question for lack of permission, and
     * the method returns true; a provider without one returns false (the default).
     */
    protected boolean statusQuestionsAreForbidden() {
        return false;
    }

    /** The fake answers the next purge request with the vendor's "bad credential" error. */
    protected void nextAnswerIsAuthenticationFailure() {
        fake().failNext(1, Failure.authentication());
    }

    /** The fake answers the next purge request with the vendor's "not allowed" error (403). */
    protected void nextAnswerIsPermissionFailure() {
        fake().failNext(1, Failure.permission());
    }

    /** The fake answers the next purge request with the vendor's rate-limit error, asking to wait. */
    protected void nextAnswerIsThrottled(Duration retryAfter) {
        fake().throttleNext(1, retryAfter);
    }

    /** The fake answers the next purge request with a server error (5xx). */
    protected void nextAnswerIsServerError() {
        fake().failNext(1, Failure.serverError());
    }

    /** The fake never answers the next purge request, so the client's read timeout fires. */
    protected void nextAnswerNeverComes() {
        fake().stallNext(1);
    }

    /**
     * The exception a 403 becomes. Permission errors by default; a vendor whose 403 means "bad or insufficient
     * credential" without telling which (Cloudflare's code 10000) overrides it.
     */
    protected Class<? extends PurgeServiceException> forbiddenErrorType() {
        return PurgePermissionException.class;
    }

    /**
     * Whether the vendor's throttled answer says how long to wait (Retry-After or a reset header). CloudFront's does
     * not: its throttled call is retried after the engine's backoff instead.
     */
    protected boolean throttledAnswerSaysHowLongToWait() {
        return true;
    }

    /** A kind the provider cannot purge, if there is one. */
    protected Optional<PurgeTarget> unsupportedTarget() {
        PurgeClient client = newClient();
        for (PurgeTarget.Kind kind : PurgeTarget.Kind.values()) {
            if (!client.capabilities().supports(kind)) {
                return Optional.of(sampleOf(kind));
            }
        }
        return Optional.empty();
    }

    private static PurgeTarget sampleOf(PurgeTarget.Kind kind) {
        switch (kind) {
            case URL: return PurgeTarget.url("https://www.example.com/compat");
            case PREFIX: return PurgeTarget.prefix("https://www.example.com/compat/");
            case TAG: return PurgeTarget.tag("compat");
            case HOST: return PurgeTarget.host("www.example.com");
            case CP_CODE: return PurgeTarget.cpCode(12345);
            default: return PurgeTarget.everything();
        }
    }

    /** A new client on the fake clock, with events and log lines captured. Closed after the test. */
    protected PurgeClient newClient() {
        return newClient(PurgeConfig.fromMap(config()).withEnvironment(Map.of()));
    }

    protected PurgeClient newClient(PurgeConfig config) {
        FakeClock clock = clock();
        ClientOptions options = ClientOptions.builder()
                .clock(clock)
                .sleeper(clock.sleeper())
                .logging(false)
                .listener(new Slf4jPurgeListener(log))
                .listener(events::add)
                .listener(AuditTrail.to(auditLines))
                .random(new java.util.Random(42))
                .build();
        PurgeClient client = CdnPurge.client(providerId(), config, options);
        clients.add(client);
        return client;
    }

    /** The fake clock clients of this kit run on: the fake's, which must be a {@link FakeClock}. */
    protected FakeClock clock() {
        if (!(fake().clock() instanceof FakeClock)) {
            throw new IllegalStateException("the kit runs on virtual time: leave the fake its own FakeClock, or give "
                    + "it one");
        }
        return (FakeClock) fake().clock();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(PurgeClient::close);
    }

    @Test
    void theProviderIsFoundByItsId() {
        assertThat(CdnPurge.providers()).contains(providerId());
        assertThat(CdnPurge.provider(providerId()).id()).isEqualTo(providerId());
    }

    @Test
    void anUnknownIdFailsListingThisProvider() {
        assertThatThrownBy(() -> CdnPurge.provider(providerId() + "-nope"))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining(providerId());
    }

    @Test
    void aMissingCredentialIsReportedNamingTheKey() {
        Map<String, String> values = new HashMap<>(config());
        values.remove(credentialKey());
        PurgeConfig config = PurgeConfig.fromMap(values).withEnvironment(Map.of());
        assertThatThrownBy(() -> newClient(config))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(credentialKey());
    }

    @Test
    void aSuccessfulPurgeReportsEveryTargetWithAVendorReference() {
        PurgeClient client = newClient();
        PurgeRequest request = sampleRequest();
        PurgeResult result = client.purge(request);
        assertThat(result.failures()).isEmpty();
        assertThat(result.status()).isIn(PurgeResult.Status.SUCCEEDED, PurgeResult.Status.IN_PROGRESS);
        assertThat(result.outcomes()).extracting(TargetOutcome::target)
                .containsExactlyElementsOf(new java.util.LinkedHashSet<>(request.targets()));
        assertThat(result.vendorReferences()).isNotEmpty();
        assertThat(result.stats().requests()).isEqualTo(result.stats().calls()).isEqualTo(vendorRequests());
    }

    @Test
    void aRejectedCredentialIsAnAuthenticationErrorAndNotRetried() {
        PurgeClient client = newClient();
        nextAnswerIsAuthenticationFailure();
        PurgeResult result = client.purge(sampleRequest());
        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        PurgeException error = result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(PurgeAuthenticationException.class);
        assertThat(error.retryable()).isFalse();
        assertThat(vendorRequests()).isEqualTo(1);
    }

    @Test
    void aForbiddenAnswerIsAPermanentCredentialErrorAndNotRetried() {
        PurgeClient client = newClient();
        nextAnswerIsPermissionFailure();
        PurgeResult result = client.purge(sampleRequest());
        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        PurgeException error = result.failures().get(0).error().orElseThrow();
        assertThat(error).isInstanceOf(forbiddenErrorType());
        assertThat(((PurgeServiceException) error).httpStatus()).isEqualTo(403);
        assertThat(error.retryable()).isFalse();
        assertThat(vendorRequests()).isEqualTo(1);
    }

    @Test
    void aThrottledCallIsRetriedAfterTheWaitTheVendorAskedFor() {
        PurgeClient client = newClient();
        nextAnswerIsThrottled(Duration.ofSeconds(3));
        PurgeResult result = client.purge(sampleRequest());
        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().throttled()).isEqualTo(1);
        assertThat(result.stats().retries()).isEqualTo(1);
        if (throttledAnswerSaysHowLongToWait()) {
            assertThat(clock().sleeps()).contains(Duration.ofSeconds(3));
        } else {
            // the first backoff step: half of retry.initialBackoff (500ms) fixed, the other half jitter
            assertThat(clock().sleeps()).anySatisfy(wait -> assertThat(wait)
                    .isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
        }
        assertThat(vendorRequests()).isEqualTo(2);
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        PurgeClient client = newClient();
        nextAnswerIsServerError();
        PurgeResult result = client.purge(sampleRequest());
        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().retries()).isEqualTo(1);
        // the first backoff step: half of retry.initialBackoff (500ms) fixed, the other half jitter
        assertThat(clock().sleeps()).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(250), Duration.ofMillis(500)));
        assertThat(vendorRequests()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsATransportErrorThatIsRetried() {
        // the one real wait of the kit: a socket read timeout, kept short and set for this test only
        PurgeClient client = newClient(PurgeConfig.fromMap(config()).withEnvironment(Map.of())
                .with(Map.of(providerId() + ".timeout", "250ms")));
        nextAnswerNeverComes();
        PurgeResult result = client.purge(sampleRequest());
        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.type()).isEqualTo(PurgeEvent.Type.RETRY);
            // the transport error's own wording: a timeout, not a refused connection
            assertThat(event.detail()).hasValueSatisfying(d -> assertThat(d).contains("did not answer in time"));
        });
    }

    @Test
    void oneTargetOverTheBatchLimitMakesExactlyOneMoreCall() {
        PurgeClient client = newClient();
        PurgeTarget.Kind kind = batchableTarget(0).kind();
        int limit = client.capabilities().limit(kind).orElseThrow().maxItems();
        List<PurgeTarget> targets = new ArrayList<>();
        for (int i = 0; i <= limit; i++) {
            targets.add(batchableTarget(i));
        }
        PurgeRequest request = PurgeRequest.builder().targets(targets).build();
        PurgePlan plan = client.plan(request);
        assertThat(plan.calls()).hasSize(2);
        assertThat(plan.calls().get(0).targets()).hasSize(limit);
        assertThat(vendorRequests()).isZero();
        PurgeResult result = client.purge(request);
        assertThat(result.failures()).isEmpty();
        assertThat(result.outcomes()).hasSize(limit + 1);
        assertThat(vendorRequests()).isEqualTo(2);
    }

    @Test
    void anUnsupportedKindIsRefusedBeforeAnyRequest() {
        Optional<PurgeTarget> unsupported = unsupportedTarget();
        assumeTrue(unsupported.isPresent(), providerId() + " supports every kind of target");
        PurgeClient client = newClient();
        PurgeRequest request = sampleRequest().toBuilder().target(unsupported.get()).build();
        assertThatThrownBy(() -> client.purge(request))
                .isInstanceOf(UnsupportedPurgeException.class)
                .hasMessageContaining(unsupported.get().value());
        assertThat(vendorRequests()).isZero();
    }

    /** Dot segments, encoded dots and slashes, query and fragment marks, in every position of a URL. */
    static List<String> hostileUrls() {
        List<String> tokens = List.of("..", "%2e%2e", "%2E%2e", ".%2e", "%2e.", ".", "%2e", "%2F", "%2f..%2f..",
                "..%2F..", "%3F", "%23", "?", "#", "%5C..");
        List<String> urls = new ArrayList<>();
        for (String token : tokens) {
            urls.add("https://www.example.com/" + token + "/" + token + "/service/SID/purge_all");
            urls.add("https://www.example.com/a/" + token + "/b.html");
            urls.add("https://www.example.com/a/b/" + token);
            urls.add("https://www.example.com/a/b.html" + token);
            urls.add("https://www.example.com/a.html?x=" + token + "&y=" + token + "/../z");
        }
        return urls;
    }

    private static final Pattern DOT_SEGMENT = Pattern.compile("(?i)/(\\.|%2e){1,2}(/|$)");

    @Test
    void noUrlTargetCanReachAnotherEndpointOrChangeMeaningOnTheWay() {
        assumeTrue(newClient().capabilities().supports(PurgeTarget.Kind.URL), providerId() + " purges no URLs");
        PurgeClient client = newClient();
        int refusedAtCreation = 0;
        int refusedByProvider = 0;
        int sent = 0;
        for (String hostile : hostileUrls()) {
            PurgeTarget target;
            try {
                target = PurgeTarget.url(hostile);
            } catch (InvalidPurgeRequestException e) {
                refusedAtCreation++;
                continue;
            }
            int before = vendorRequestLines().size();
            int purgedBefore = purgedUrls().size();
            PurgeResult result;
            try {
                result = client.purge(PurgeRequest.builder().target(target).build());
            } catch (InvalidPurgeRequestException e) {
                refusedByProvider++;
                assertThat(vendorRequestLines()).as("requests after refusing " + hostile).hasSize(before);
                continue;
            }
            sent++;
            assertThat(result.failures()).as(hostile).isEmpty();
            List<String> lines = vendorRequestLines().subList(before, vendorRequestLines().size());
            assertThat(lines).as("requests for " + hostile).isNotEmpty().allSatisfy(line -> {
                assertThat(line).matches(urlPurgeEndpoint());
                String path = line.substring(line.indexOf(' ') + 1).split("\\?", 2)[0];
                assertThat(DOT_SEGMENT.matcher(path).find()).as("dot segment in " + line).isFalse();
            });
            // the same canonical URL purged twice may be answered from the first purge (CloudFront's CallerReference)
            assertThat(purgedUrls().subList(purgedBefore, purgedUrls().size())).as(hostile)
                    .isSubsetOf(vendorFormOf(target));
            assertThat(purgedUrls()).as(hostile).contains(vendorFormOf(target));
        }
        assertThat(sent).isPositive();
        assertThat(refusedAtCreation + refusedByProvider + sent).isEqualTo(hostileUrls().size());
    }

    @Test
    void anAnswerThatIsNotTheVendorsAcknowledgementIsRetriedThenFailsNamingWhatCameBack() {
        PurgeClient client = newClient(PurgeConfig.fromMap(config()).withEnvironment(Map.of())
                .with(Map.of(providerId() + ".maxAttempts", "3")));
        nextAnswersAre(3, acknowledgementStatus(), Map.of("Content-Type", "text/html"), "<html>oops</html>");

        PurgeResult result = client.purge(sampleRequest());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.FAILED);
        assertThat(result.failures()).allSatisfy(outcome -> assertThat(outcome.error()).get()
                .extracting(Throwable::getMessage).asString().contains("oops"));
        assertThat(vendorRequests()).isEqualTo(3);
    }

    @Test
    void anAnswerThatIsNotTheAcknowledgementOnceIsSentAgainAndThenSucceeds() {
        PurgeClient client = newClient();
        nextAnswersAre(1, acknowledgementStatus(), Map.of("Content-Type", "text/html"), "<html>oops</html>");

        PurgeResult result = client.purge(sampleRequest());

        assertThat(result.failures()).isEmpty();
        assertThat(result.stats().retries()).isEqualTo(1);
        assertThat(vendorRequests()).isEqualTo(2);
    }

    @Test
    void aRejectedCredentialIsNeverRetriedWhateverTheAnswerLooksLike() {
        PurgeClient client = newClient();
        for (int status : new int[] {401, 403}) {
            int before = vendorRequests();
            nextAnswersAre(1, status, Map.of("Content-Type", "text/html"), "<html>" + status + " from a proxy</html>");

            PurgeResult result = client.purge(sampleRequest());

            assertThat(result.status()).as("HTTP " + status).isEqualTo(PurgeResult.Status.FAILED);
            assertThat(result.failures().get(0).error()).get().satisfies(error -> assertThat(error.retryable())
                    .isFalse());
            assertThat(vendorRequests() - before).as("requests for HTTP " + status).isEqualTo(1);
        }
    }

    @Test
    void aServerErrorThatSaysWhenToComeBackIsRetriedAfterThatWait() {
        PurgeClient client = newClient();
        nextAnswersAre(1, 503, Map.of("Retry-After", "7", "Content-Type", "text/html"), "<html>back soon</html>");

        PurgeResult result = client.purge(sampleRequest());

        assertThat(result.failures()).isEmpty();
        assertThat(clock().sleeps()).contains(Duration.ofSeconds(7));
        assertThat(vendorRequests()).isEqualTo(2);
    }

    @Test
    void aPurgeTheVendorAcceptedStaysAcceptedWhenItsCompletionCannotBeChecked() {
        PurgeClient client = newClient();
        PurgeResult result = client.purge(sampleRequest());
        assumeTrue(statusQuestionsAreForbidden(), providerId() + " has no status API");
        events.clear();

        PurgeResult later = client.awaitCompletion(result, Duration.ofMinutes(5));

        assertThat(later.failures()).isEmpty();
        assertThat(later.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(later.timedOut()).isFalse();
        assertThat(later.outcomes()).allSatisfy(outcome -> assertThat(outcome.completionUnknown()).get()
                .isInstanceOf(PurgePermissionException.class));
        // asked once per reference, never again: the answer cannot change
        synchronized (events) {
            assertThat(events).filteredOn(e -> e.type() == PurgeEvent.Type.REQUEST)
                    .hasSize(result.vendorReferences().size());
        }
    }

    @Test
    void aNonAsciiUrlReachesTheVendorPercentEncodedAsUtf8() {
        assumeTrue(newClient().capabilities().supports(PurgeTarget.Kind.URL), providerId() + " purges no URLs");
        PurgeTarget target = PurgeTarget.url("https://www.example.com/café/naïve.html?q=ü");

        PurgeResult result = newClient().purge(PurgeRequest.builder().target(target).build());

        assertThat(result.failures()).isEmpty();
        assertThat(target.value()).isEqualTo("https://www.example.com/caf%C3%A9/na%C3%AFve.html?q=%C3%BC");
        assertThat(purgedUrls()).containsExactly(vendorFormOf(target));
    }

    @Test
    void accessIsCheckedWithoutPurgingAndAWrongCredentialIsDeniedWithoutBeingShown() {
        List<AccessCheck> checks = newClient().checkAccess();

        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.client()).isEqualTo(providerId());
            assertThat(check.verdict()).as(check.toString()).isIn(AccessCheck.Verdict.CONFIRMED,
                    AccessCheck.Verdict.CREDENTIAL_ONLY);
        });
        assertThat(fake().purgeRequestCount()).as("an access check purges nothing").isZero();

        // the same credential with its last character changed, as a mistyped or rotated one would be
        Map<String, String> wrong = new HashMap<>(config());
        String right = wrong.get(credentialKey());
        char last = right.charAt(right.length() - 1);
        String mistyped = right.substring(0, right.length() - 1) + (last == 'A' ? 'B' : 'A');
        wrong.put(credentialKey(), mistyped);
        List<AccessCheck> denied = newClient(PurgeConfig.fromMap(wrong).withEnvironment(Map.of())).checkAccess();

        assertThat(denied).singleElement().satisfies(check -> {
            assertThat(check.verdict()).as(check.toString()).isEqualTo(AccessCheck.Verdict.DENIED);
            assertThat(check.detail()).doesNotContain(mistyped).doesNotContain(right);
        });
        assertThat(fake().purgeRequestCount()).isZero();
    }

    @Test
    void aPurgeCanBeAskedAboutLaterByItsReferenceFromAnotherClient() {
        PurgeClient sender = newClient();
        PurgeResult result = sender.purge(sampleRequest());
        TargetOutcome accepted = result.outcomes().stream().filter(outcome -> outcome.vendorReference().isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no outcome carries a vendor reference: " + result));
        String reference = accepted.vendorReference().orElseThrow();
        String scope = accepted.scope().orElse(null);
        // another client, as another process would be: it knows the reference and scope the outcome printed
        PurgeClient asker = newClient();

        Optional<TargetOutcome.Status> first = asker.status(reference, scope);

        if (!asker.capabilities().statusApi()) {
            assertThat(first).as(providerId() + " has no status API").isEmpty();
            return;
        }
        assertThat(first).isPresent();
        clock().advance(Duration.ofHours(1));
        assertThat(asker.status(reference, scope)).hasValue(TargetOutcome.Status.SUCCEEDED);
        assertThatThrownBy(() -> asker.status("not a reference!", scope))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a reference!");
    }

    @Test
    void noCredentialAppearsInAnyLogLineEventAuditLineMessageOrToString() {
        PurgeClient client = newClient();
        List<String> texts = new ArrayList<>();
        texts.add(client.purge(sampleRequest()).toString());
        nextAnswerIsThrottled(Duration.ofSeconds(1));
        texts.add(client.purge(sampleRequest()).toString());
        nextAnswerIsServerError();
        texts.add(client.purge(sampleRequest()).toString());
        for (Runnable failure : Arrays.<Runnable>asList(this::nextAnswerIsAuthenticationFailure,
                this::nextAnswerIsPermissionFailure)) {
            failure.run();
            PurgeResult failed = client.purge(sampleRequest());
            texts.add(failed.toString());
            for (TargetOutcome outcome : failed.outcomes()) {
                texts.add(outcome.toString());
                outcome.error().ifPresent(error -> {
                    texts.add(error.getMessage());
                    texts.add(error.toString());
                });
            }
        }
        Map<String, String> missing = new HashMap<>(config());
        missing.remove(credentialKey());
        try {
            newClient(PurgeConfig.fromMap(missing).withEnvironment(Map.of()));
        } catch (InvalidConfigurationException e) {
            texts.add(e.getMessage());
        }
        texts.add(client.toString());
        texts.add(client.capabilities().toString());
        texts.add(client.plan(sampleRequest()).calls().toString());
        texts.add(PurgeConfig.fromMap(config()).toString());
        synchronized (events) {
            events.forEach(event -> texts.add(event.toString()));
        }
        texts.addAll(log.lines());
        texts.add(auditLines.toString());
        assertThat(log.lines()).isNotEmpty();
        assertThat(auditLines).contains("\"event\":\"call-failed\"", "\"event\":\"purge\"");
        assertThat(events).isNotEmpty();
        for (String secret : secrets()) {
            assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(secret));
        }
    }
}
