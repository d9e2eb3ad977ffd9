package io.cdnpurge.fakes.cloudfront;

import io.cdnpurge.testing.FakeClock;

import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeCloudFrontApiTest {

    private static final String DIST = "EDFDVBD6EXAMPLE";
    private static final String OTHER_DIST = "E2QWRUHEXAMPLE";
    private static final String TENANT = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final String AMZ_DATE = "20261122T100000Z";
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String UNCHECKED_AUTH = "AWS4-HMAC-SHA256 Credential=" + KEY
            + "/20261122/us-east-1/cloudfront/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    private static final MediaType XML = MediaType.get("text/xml");

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final FakeCloudFrontApi cloudFront = FakeCloudFrontApi.start()
            .distribution(DIST, "www.example.com", "static.example.com")
            .distribution(OTHER_DIST)
            .tenant(TENANT, DIST, "shop.example.com")
            .clock(clock);
    // One attempt per call, so request counts and scripted answers line up exactly.
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    @AfterEach
    void stop() {
        cloudFront.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ---- CreateInvalidation ----

    @Test
    void endpointIsTheApiRootOnTheLoopbackAddress() {
        assertThat(cloudFront.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void aCreateAnswers201WithLocationAndTheInvalidation() throws IOException {
        Reply reply = create(DIST, batch("ref-1", "/index.html", "/img/*"));

        assertThat(reply.status).isEqualTo(201);
        assertThat(reply.headers.get("Content-Type")).isEqualTo("text/xml");
        assertThat(reply.headers.get("x-amz-request-id")).matches("[0-9a-f-]{36}");
        String id = reply.text("/Invalidation/Id");
        assertThat(id).matches("I[A-Z0-9]{13}");
        assertThat(reply.headers.get("Location"))
                .isEqualTo(cloudFront.endpoint() + "/2020-05-31/distribution/" + DIST + "/invalidation/" + id);
        assertThat(reply.namespace()).isEqualTo(NS);
        assertThat(reply.text("/Invalidation/Status")).isEqualTo("InProgress");
        assertThat(reply.text("/Invalidation/CreateTime")).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(reply.text("/Invalidation/InvalidationBatch/Paths/Quantity")).isEqualTo("2");
        assertThat(reply.texts("/Invalidation/InvalidationBatch/Paths/Items/Path"))
                .containsExactly("/index.html", "/img/*");
        assertThat(reply.text("/Invalidation/InvalidationBatch/CallerReference")).isEqualTo("ref-1");
        CloudFrontInvalidation stored = cloudFront.invalidations().get(0);
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.distributionId()).isEqualTo(DIST);
        assertThat(stored.tenantId()).isEmpty();
        assertThat(stored.createTime()).isEqualTo(clock.instant());
        assertThat(stored.filePaths()).isEqualTo(1);
        assertThat(stored.wildcardPaths()).isEqualTo(1);
    }

    @Test
    void idsAreUniqueAndCacheTagsCountAsFilePaths() throws IOException {
        create(DIST, batch("a", "#product-42", "/a"));
        create(DIST, batch("b", "/b"));

        List<CloudFrontInvalidation> stored = cloudFront.invalidations();
        assertThat(stored).extracting(CloudFrontInvalidation::id).doesNotHaveDuplicates();
        assertThat(stored.get(0).filePaths()).isEqualTo(2);
        assertThat(stored.get(0).paths()).containsExactly("#product-42", "/a");
    }

    @Test
    void aTenantCreateIsStoredForTheTenantWithItsOwnLocation() throws IOException {
        Reply reply = send("POST", "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation",
                batch("t-1", "/a"));

        assertThat(reply.status).isEqualTo(201);
        String id = reply.text("/Invalidation/Id");
        assertThat(reply.headers.get("Location")).isEqualTo(cloudFront.endpoint()
                + "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation/" + id);
        assertThat(cloudFront.invalidations().get(0).tenantId()).hasValue(TENANT);
        assertThat(cloudFront.invalidations().get(0).distributionId()).isEqualTo(DIST);
        assertThat(get("/2020-05-31/distribution-tenant/" + TENANT + "/invalidation/" + id).status).isEqualTo(200);
        assertThat(get("/2020-05-31/distribution-tenant/" + TENANT + "/invalidation").texts("//InvalidationSummary/Id"))
                .containsExactly(id);
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation/" + id).code())
                .isEqualTo("NoSuchInvalidation");
    }

    // ---- GetInvalidation and completion ----

    @Test
    void anInvalidationIsInProgressUntilTheDelayHasPassedOnTheClock() throws IOException {
        String id = create(DIST, batch("ref", "/a")).text("/Invalidation/Id");
        String path = "/2020-05-31/distribution/" + DIST + "/invalidation/" + id;

        assertThat(get(path).text("/Invalidation/Status")).isEqualTo("InProgress");
        clock.advance(Duration.ofMillis(1999));
        assertThat(get(path).text("/Invalidation/Status")).isEqualTo("InProgress");
        clock.advance(Duration.ofMillis(1));
        Reply done = get(path);
        assertThat(done.status).isEqualTo(200);
        assertThat(done.text("/Invalidation/Status")).isEqualTo("Completed");
        assertThat(done.texts("/Invalidation/InvalidationBatch/Paths/Items/Path")).containsExactly("/a");
    }

    @Test
    void theCompletionDelayCanBeChanged() throws IOException {
        cloudFront.completionDelay(Duration.ofSeconds(30));
        String id = create(DIST, batch("ref", "/a")).text("/Invalidation/Id");

        clock.advance(Duration.ofSeconds(29));
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation/" + id).text("//Status"))
                .isEqualTo("InProgress");
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation/" + id).text("//Status"))
                .isEqualTo("Completed");
    }

    @Test
    void unknownDistributionsTenantsAndInvalidationsAre404() throws IOException {
        Reply noDistribution = get("/2020-05-31/distribution/ENOPE/invalidation/I123");
        Reply noInvalidation = get("/2020-05-31/distribution/" + DIST + "/invalidation/INOPE");
        Reply noTenant = send("POST", "/2020-05-31/distribution-tenant/dt_nope/invalidation", batch("r", "/a"));

        assertThat(noDistribution.status).isEqualTo(404);
        assertThat(noDistribution.code()).isEqualTo("NoSuchDistribution");
        assertThat(noDistribution.text("//Message")).isEqualTo("The specified distribution does not exist.");
        assertThat(create("ENOPE", batch("r", "/a")).code()).isEqualTo("NoSuchDistribution");
        assertThat(noInvalidation.status).isEqualTo(404);
        assertThat(noInvalidation.code()).isEqualTo("NoSuchInvalidation");
        assertThat(noTenant.status).isEqualTo(404);
        assertThat(noTenant.code()).isEqualTo("EntityNotFound");
    }

    @Test
    void errorsUseTheErrorResponseEnvelopeWithTheRequestId() throws IOException {
        Reply reply = get("/2020-05-31/distribution/ENOPE/invalidation");

        assertThat(reply.headers.get("Content-Type")).isEqualTo("text/xml");
        assertThat(reply.namespace()).isEqualTo(NS);
        assertThat(reply.text("/ErrorResponse/Error/Type")).isEqualTo("Sender");
        assertThat(reply.text("/ErrorResponse/RequestId")).isEqualTo(reply.headers.get("x-amz-request-id"));
    }

    @Test
    void anUnknownRouteIs404AndAnotherMethod405() throws IOException {
        Reply unknown = get("/2020-05-31/origin-access-identity");
        Reply wrongMethod = send("DELETE", "/2020-05-31/distribution/" + DIST + "/invalidation", null);

        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.text("//Message")).contains("no operation at /2020-05-31/origin-access-identity");
        assertThat(wrongMethod.status).isEqualTo(405);
        assertThat(wrongMethod.text("//Message")).contains("use POST or GET");
    }

    // ---- lists ----

    @Test
    void listInvalidationsIsNewestFirstAndPaginatesWithMarker() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(create(DIST, batch("ref-" + i, "/p" + i)).text("/Invalidation/Id"));
            clock.advance(Duration.ofSeconds(1));
        }
        String path = "/2020-05-31/distribution/" + DIST + "/invalidation";

        Reply first = get(path + "?MaxItems=2");
        assertThat(first.texts("/InvalidationList/Items/InvalidationSummary/Id"))
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(first.text("/InvalidationList/Marker")).isEmpty();
        assertThat(first.text("/InvalidationList/NextMarker")).isEqualTo(ids.get(1));
        assertThat(first.text("/InvalidationList/MaxItems")).isEqualTo("2");
        assertThat(first.text("/InvalidationList/IsTruncated")).isEqualTo("true");
        assertThat(first.text("/InvalidationList/Quantity")).isEqualTo("2");
        // created at +0 s, +1 s and +2 s, listed at +3 s with the default 2 s delay
        assertThat(first.texts("//InvalidationSummary/Status")).containsExactly("InProgress", "Completed");
        assertThat(first.text("//InvalidationSummary[1]/CreateTime")).isEqualTo("2026-11-22T10:00:02.000Z");

        Reply second = get(path + "?Marker=" + ids.get(1) + "&MaxItems=2");
        assertThat(second.texts("//InvalidationSummary/Id")).containsExactly(ids.get(0));
        assertThat(second.text("/InvalidationList/Marker")).isEqualTo(ids.get(1));
        assertThat(second.count("/InvalidationList/NextMarker")).isZero();
        assertThat(second.text("/InvalidationList/IsTruncated")).isEqualTo("false");
        assertThat(second.text("//InvalidationSummary/Status")).isEqualTo("Completed");
    }

    @Test
    void anEmptyListHasNoItemsAndTheDefaultMaxItems() throws IOException {
        Reply reply = get("/2020-05-31/distribution/" + OTHER_DIST + "/invalidation");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.text("/InvalidationList/MaxItems")).isEqualTo("100");
        assertThat(reply.text("/InvalidationList/Quantity")).isEqualTo("0");
        assertThat(reply.count("/InvalidationList/Items")).isZero();
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation?MaxItems=x").code())
                .isEqualTo("InvalidArgument");
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation?Marker=INOPE").code())
                .isEqualTo("InvalidArgument");
    }

    @Test
    void listDistributionsShowsAliasesAndPaginates() throws IOException {
        cloudFront.distribution("E3THIRDEXAMPLE", "cdn.example.org");

        Reply first = get("/2020-05-31/distribution?MaxItems=2");
        assertThat(first.texts("//DistributionSummary/Id")).containsExactly(DIST, OTHER_DIST);
        assertThat(first.text("//DistributionSummary[1]/ARN"))
                .isEqualTo("arn:aws:cloudfront::123456789012:distribution/" + DIST);
        assertThat(first.text("//DistributionSummary[1]/Status")).isEqualTo("Deployed");
        assertThat(first.text("//DistributionSummary[1]/DomainName")).isEqualTo("edfdvbd6example.cloudfront.net");
        assertThat(first.text("//DistributionSummary[1]/Aliases/Quantity")).isEqualTo("2");
        assertThat(first.texts("//DistributionSummary[1]/Aliases/Items/CNAME"))
                .containsExactly("www.example.com", "static.example.com");
        assertThat(first.text("//DistributionSummary[2]/Aliases/Quantity")).isEqualTo("0");
        assertThat(first.count("//DistributionSummary[2]/Aliases/Items")).isZero();
        assertThat(first.text("//DistributionSummary[1]/Enabled")).isEqualTo("true");
        assertThat(first.text("/DistributionList/IsTruncated")).isEqualTo("true");
        assertThat(first.text("/DistributionList/NextMarker")).isEqualTo(OTHER_DIST);

        Reply second = get("/2020-05-31/distribution?Marker=" + OTHER_DIST + "&MaxItems=2");
        assertThat(second.texts("//DistributionSummary/Id")).containsExactly("E3THIRDEXAMPLE");
        assertThat(second.text("/DistributionList/IsTruncated")).isEqualTo("false");
        assertThat(second.count("/DistributionList/NextMarker")).isZero();
    }

    // ---- CallerReference ----

    @Test
    void theSameCallerReferenceWithTheSamePathsAnswersTheEarlierInvalidation() throws IOException {
        Reply first = create(DIST, batch("same", "/a", "/b"));
        clock.advance(Duration.ofSeconds(5));
        Reply again = create(DIST, batch("same", "/b", "/a"));

        assertThat(again.status).isEqualTo(201);
        assertThat(again.text("/Invalidation/Id")).isEqualTo(first.text("/Invalidation/Id"));
        assertThat(again.text("/Invalidation/CreateTime")).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(again.text("/Invalidation/Status")).isEqualTo("Completed");
        assertThat(cloudFront.invalidations()).hasSize(1);
    }

    @Test
    void theSameCallerReferenceWithOtherPathsIs409() throws IOException {
        create(DIST, batch("same", "/a"));
        Reply conflict = create(DIST, batch("same", "/a", "/b"));

        assertThat(conflict.status).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("InvalidationBatchAlreadyExists");
        assertThat(cloudFront.invalidations()).hasSize(1);
        assertThat(create(OTHER_DIST, batch("same", "/a", "/b")).status).isEqualTo(201);
    }

    // ---- quotas ----

    @Test
    void filePathsInFlightAreCappedAt3000PerDistribution() throws IOException {
        cloudFront.inProgressInvalidation(DIST, 2999, 0);

        Reply refused = create(DIST, batch("two", "/a", "/b"));
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("TooManyInvalidationsInProgress");
        assertThat(refused.text("//Message")).isEqualTo("Processing your request will cause you to exceed the "
                + "maximum number of in-progress invalidations.");
        assertThat(cloudFront.tooManyInvalidationsAnswers()).isEqualTo(1);
        assertThat(create(DIST, batch("one", "/a")).status).isEqualTo(201);
        assertThat(create(OTHER_DIST, batch("elsewhere", "/a", "/b")).status).isEqualTo(201);
        assertThat(cloudFront.maxFilePathsInFlight()).isEqualTo(3000);
    }

    @Test
    void wildcardsInFlightAreCappedAt15AndTenantsCountAgainstTheirDistribution() throws IOException {
        cloudFront.inProgressInvalidation(DIST, 0, 14);

        Reply refused = send("POST", "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation",
                batch("t", "/x/*", "/y/*"));
        assertThat(refused.code()).isEqualTo("TooManyInvalidationsInProgress");
        assertThat(refused.text("//Message")).contains("wildcard");
        assertThat(send("POST", "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation",
                batch("t", "/x/*")).status).isEqualTo(201);
        assertThat(create(DIST, batch("d", "/z/*")).code()).isEqualTo("TooManyInvalidationsInProgress");
        assertThat(cloudFront.maxWildcardPathsInFlight()).isEqualTo(15);
        assertThat(cloudFront.tooManyInvalidationsAnswers()).isEqualTo(2);
    }

    @Test
    void completedInvalidationsFreeTheQuota() throws IOException {
        cloudFront.quotas(10, 1);
        assertThat(create(DIST, batch("a", "/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9", "/w/*")).status)
                .isEqualTo(201);
        assertThat(create(DIST, batch("b", "/10", "/11")).code()).isEqualTo("TooManyInvalidationsInProgress");

        clock.advance(Duration.ofSeconds(2));

        assertThat(create(DIST, batch("b", "/10", "/11", "/v/*")).status).isEqualTo(201);
        assertThat(cloudFront.maxFilePathsInFlight()).isEqualTo(9);
        assertThat(cloudFront.maxWildcardPathsInFlight()).isEqualTo(1);
    }

    @Test
    void maxPathsInFlightIsTheHighestReachedUnderConcurrentCreates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String ref = "ref-" + i;
                calls.add(() -> create(DIST, batch(ref, IntStream.range(0, 10).mapToObj(n -> "/" + ref + "/" + n)
                        .toArray(String[]::new))).status);
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(cloudFront.invalidations()).hasSize(40);
        assertThat(cloudFront.maxFilePathsInFlight()).isEqualTo(400);
        assertThat(cloudFront.requestCount()).isEqualTo(40);
        clock.advance(Duration.ofSeconds(2));
        create(DIST, batch("later", "/a"));
        assertThat(cloudFront.maxFilePathsInFlight()).isEqualTo(400);
    }

    // ---- validation ----

    static Stream<Arguments> badBatches() {
        String longPath = "/" + "a".repeat(4000);
        return Stream.of(
                Arguments.of("", "MissingBody"),
                Arguments.of("not xml", "MalformedInput"),
                Arguments.of("<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths>"
                        + "<CallerReference>r</CallerReference></InvalidationBatch>", "MalformedInput"),
                Arguments.of("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<InvalidationBatch xmlns=\"" + NS + "\"><Paths><Quantity>1</Quantity><Items><Path>&e;</Path>"
                        + "</Items></Paths><CallerReference>r</CallerReference></InvalidationBatch>", "MalformedInput"),
                Arguments.of(raw("<Paths><Quantity>x</Quantity></Paths><CallerReference>r</CallerReference>"),
                        "MalformedInput"),
                Arguments.of(raw("<Paths><Quantity>3</Quantity><Items><Path>/a</Path><Path>/b</Path></Items></Paths>"
                        + "<CallerReference>r</CallerReference>"), "InconsistentQuantities"),
                Arguments.of(raw("<Paths><Quantity>0</Quantity></Paths><CallerReference>r</CallerReference>"),
                        "InvalidArgument"),
                Arguments.of(raw("<Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths>"),
                        "InvalidArgument"),
                Arguments.of(batch("r", "a.css"), "InvalidArgument"),
                Arguments.of(batch("r", "/a*b"), "InvalidArgument"),
                Arguments.of(batch("r", longPath), "InvalidArgument"),
                Arguments.of(batch("r", "#a,b"), "InvalidArgument"));
    }

    @ParameterizedTest
    @MethodSource("badBatches")
    void aBadBatchIsRefusedWithCloudFrontsCode(String body, String code) throws IOException {
        Reply reply = create(DIST, body);

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(cloudFront.invalidations()).isEmpty();
    }

    @Test
    void anInvalidPathIsNamedInTheMessage() throws IOException {
        assertThat(create(DIST, batch("r", "/ok", "images/a.png")).text("//Message")).contains("'images/a.png'");
        assertThat(create(DIST, batch("r", "/a/*/b")).text("//Message")).contains("'/a/*/b'");
        assertThat(create(DIST, batch("r", "/" + "a".repeat(4000))).text("//Message")).contains("4,000");
    }

    // ---- scripted answers and permissions ----

    @Test
    void aDeniedActionIs403AccessDeniedNamingTheActionAndResource() throws IOException {
        cloudFront.deny("cloudfront:CreateInvalidation").deny("cloudfront:ListDistributions");

        Reply denied = create(DIST, batch("r", "/a"));
        assertThat(denied.status).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("AccessDenied");
        assertThat(denied.text("//Message")).isEqualTo("User: arn:aws:iam::123456789012:user/test is not "
                + "authorized to perform: cloudfront:CreateInvalidation on resource: "
                + "arn:aws:cloudfront::123456789012:distribution/" + DIST);
        assertThat(get("/2020-05-31/distribution").code()).isEqualTo("AccessDenied");
        assertThat(get("/2020-05-31/distribution/" + DIST + "/invalidation").status).isEqualTo(200);
        assertThat(send("POST", "/2020-05-31/distribution-tenant/" + TENANT + "/invalidation", batch("r", "/a"))
                .status).isEqualTo(201);
        assertThatIllegalArgumentException().isThrownBy(() -> cloudFront.deny("cloudfront:DeleteEverything"));
    }

    @Test
    void throttleNextAnswersAnyOperationWithThrottlingThenLetsThrough() throws IOException {
        cloudFront.throttleNext(2);

        Reply list = get("/2020-05-31/distribution");
        Reply create = create(DIST, batch("r", "/a"));
        assertThat(list.status).isEqualTo(400);
        assertThat(list.code()).isEqualTo("Throttling");
        assertThat(list.text("//Message")).isEqualTo("Rate exceeded");
        assertThat(create.code()).isEqualTo("Throttling");
        assertThat(cloudFront.invalidations()).isEmpty();
        assertThat(create(DIST, batch("r", "/a")).status).isEqualTo(201);
    }

    @Test
    void failNextAnswersTheScriptedError() throws IOException {
        cloudFront.failNext(1, 503, "ServiceUnavailable", "CloudFront is unavailable");

        Reply reply = create(DIST, batch("r", "/a"));
        assertThat(reply.status).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("ServiceUnavailable");
        assertThat(reply.text("//Type")).isEqualTo("Receiver");
        assertThat(reply.text("//Message")).isEqualTo("CloudFront is unavailable");
        assertThat(create(DIST, batch("r", "/a")).status).isEqualTo(201);
    }

    @Test
    void aDroppedResponseStoresTheInvalidationWhileTheClientSeesAnIoException() throws IOException {
        cloudFront.dropResponseNext(1);

        assertThatThrownBy(() -> create(DIST, batch("r", "/a"))).isInstanceOf(IOException.class);
        assertThat(cloudFront.invalidations()).hasSize(1);
        Reply retry = create(DIST, batch("r", "/a"));
        assertThat(retry.status).isEqualTo(201);
        assertThat(retry.text("/Invalidation/Id")).isEqualTo(cloudFront.invalidations().get(0).id());
        assertThat(cloudFront.invalidations()).hasSize(1);
        assertThat(cloudFront.requests()).hasSize(2);
        assertThat(cloudFront.requests().get(0).getMethod()).isEqualTo("POST");
    }

    // ---- auth ----

    @Test
    void aRequestWithoutAuthorizationOrDateIsMissingAuthenticationToken() throws IOException {
        Reply noAuth = call(new Request.Builder().url(url("/2020-05-31/distribution"))
                .header("X-Amz-Date", AMZ_DATE).build());
        Reply noDate = call(new Request.Builder().url(url("/2020-05-31/distribution"))
                .header("Authorization", UNCHECKED_AUTH).build());
        Reply notSigV4 = call(new Request.Builder().url(url("/2020-05-31/distribution"))
                .header("Authorization", "Bearer token").header("X-Amz-Date", AMZ_DATE).build());

        assertThat(noAuth.status).isEqualTo(403);
        assertThat(noAuth.code()).isEqualTo("MissingAuthenticationToken");
        assertThat(noDate.code()).isEqualTo("MissingAuthenticationToken");
        assertThat(notSigV4.code()).isEqualTo("IncompleteSignature");
    }

    @Test
    void aCredentialScopeOutsideUsEast1CloudFrontIsRefusedNamingThePart() throws IOException {
        Reply region = call(authorized(UNCHECKED_AUTH.replace("us-east-1", "eu-west-1")));
        Reply service = call(authorized(UNCHECKED_AUTH.replace("/cloudfront/", "/s3/")));
        Reply date = call(authorized(UNCHECKED_AUTH.replace("/20261122/", "/20261121/")));

        assertThat(region.status).isEqualTo(403);
        assertThat(region.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(region.text("//Message")).contains("not 'eu-west-1'").contains("us-east-1");
        assertThat(service.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(service.text("//Message")).contains("'cloudfront'").contains("not 's3'");
        assertThat(date.text("//Message")).contains("'20261121' != '20261122'");
    }

    @Test
    void withCredentialsACorrectSignatureIsAcceptedAndAnyOtherRefused() throws IOException {
        cloudFront.credentials(KEY, SECRET);
        String path = "/2020-05-31/distribution/" + DIST + "/invalidation";
        String body = batch("signed", "/a");

        assertThat(signed("POST", path, body, KEY, SECRET).status).isEqualTo(201);
        assertThat(signed("GET", path + "?Marker=&MaxItems=5", null, KEY, SECRET).status).isEqualTo(200);
        Reply wrongSecret = signed("POST", path, body, KEY, "not-the-secret");
        assertThat(wrongSecret.status).isEqualTo(403);
        assertThat(wrongSecret.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(wrongSecret.text("//Message")).contains("The Canonical String for this request should have been");
        Reply unknownKey = signed("POST", path, body, "AKIDUNKNOWN", SECRET);
        assertThat(unknownKey.code()).isEqualTo("InvalidClientTokenId");
        assertThat(call(authorized(UNCHECKED_AUTH)).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void withCredentialsATamperedBodyIsRefused() throws IOException {
        cloudFront.credentials(KEY, SECRET);
        String path = "/2020-05-31/distribution/" + DIST + "/invalidation";
        Request request = signedRequest("POST", path, batch("r", "/a"), KEY, SECRET);
        Request tampered = request.newBuilder().post(RequestBody.create(batch("r", "/b"), XML)).build();

        assertThat(call(tampered).code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(cloudFront.invalidations()).isEmpty();
    }

    @Test
    void theCanonicalUriEncodesTheReceivedPathAgainAsAwsDoesOutsideS3() throws IOException {
        cloudFront.credentials(KEY, SECRET);
        String path = "/2020-05-31/distribution/E%20X/invalidation";

        Reply doubleEncoded = signed("GET", path, null, KEY, SECRET);
        Reply singleEncoded = call(signedRequest("GET", path, null, KEY, SECRET, path));

        assertThat(doubleEncoded.code()).isEqualTo("NoSuchDistribution");
        assertThat(singleEncoded.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void requestsAreRecordedInOrder() throws IOException {
        get("/2020-05-31/distribution");
        create(DIST, batch("r", "/a"));

        assertThat(cloudFront.requests()).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                .containsExactly("GET /2020-05-31/distribution",
                        "POST /2020-05-31/distribution/" + DIST + "/invalidation");
        assertThat(cloudFront.requestCount()).isEqualTo(2);
    }

    /** The fake's SigV4 check against AWS's published examples, not against itself. */
    @Nested
    class SignatureVectors {

        /**
         * The IAM ListUsers example of AWS's SigV4 documentation (20150830T123600Z), whose canonical-request hash
         * and signature many independent SigV4 implementations test against.
         */
        @Test
        void theIamListUsersExampleOfTheAwsDocumentation() {
            Map<String, List<String>> headers = Map.of(
                    "content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                    "host", List.of("iam.amazonaws.com"),
                    "x-amz-date", List.of("20150830T123600Z"));
            FakeCloudFrontSigV4.Authorization auth = FakeCloudFrontSigV4.Authorization.parse("AWS4-HMAC-SHA256 "
                    + "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date, Signature=x");

            FakeCloudFrontSigV4.Computation computed = FakeCloudFrontSigV4.compute("GET",
                    "/?Action=ListUsers&Version=2010-05-08", headers, new byte[0], auth, SECRET);

            assertThat(FakeCloudFrontSigV4.sha256Hex(computed.canonicalRequest().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
            assertThat(computed.signature())
                    .isEqualTo("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        }

        /** AWS SigV4 test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4/get-vanilla-query-unreserved). */
        @Test
        void theTestSuitesUnreservedQuery() {
            String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

            assertThat(suite("/?" + unreserved + "=" + unreserved, Map.of()))
                    .isEqualTo("9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197");
        }

        /** AWS SigV4 test suite get-header-value-trim: values trimmed, sequential spaces collapsed. */
        @Test
        void theTestSuitesHeaderValueTrim() {
            Map<String, List<String>> extra = Map.of("my-header1", List.of(" value1"),
                    "my-header2", List.of(" \"a   b   c\""));

            assertThat(suite("/", extra))
                    .isEqualTo("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
        }

        private String suite(String target, Map<String, List<String>> extra) {
            Map<String, List<String>> headers = new HashMap<>(extra);
            headers.put("host", List.of("example.amazonaws.com"));
            headers.put("x-amz-date", List.of("20150830T123600Z"));
            String signed = headers.keySet().stream().sorted().collect(Collectors.joining(";"));
            FakeCloudFrontSigV4.Authorization auth = FakeCloudFrontSigV4.Authorization.parse("AWS4-HMAC-SHA256 "
                    + "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" + signed
                    + ", Signature=x");
            return FakeCloudFrontSigV4.compute("GET", target, headers, new byte[0], auth, SECRET).signature();
        }
    }

    // ---- helpers ----

    private static String raw(String inner) {
        return "<InvalidationBatch xmlns=\"" + NS + "\">" + inner + "</InvalidationBatch>";
    }

    private static String batch(String callerReference, String... paths) {
        StringBuilder items = new StringBuilder();
        for (String path : paths) {
            items.append("<Path>").append(path).append("</Path>");
        }
        return raw("<Paths><Quantity>" + paths.length + "</Quantity><Items>" + items + "</Items></Paths>"
                + "<CallerReference>" + callerReference + "</CallerReference>");
    }

    private String url(String path) {
        return cloudFront.endpoint() + path;
    }

    private Request authorized(String authorization) {
        return new Request.Builder().url(url("/2020-05-31/distribution")).header("Authorization", authorization)
                .header("X-Amz-Date", AMZ_DATE).build();
    }

    private Reply create(String distributionId, String body) throws IOException {
        return send("POST", "/2020-05-31/distribution/" + distributionId + "/invalidation", body);
    }

    private Reply get(String path) throws IOException {
        return send("GET", path, null);
    }

    /** Sends with a well-formed SigV4 header whose signature is not checked until credentials are set. */
    private Reply send(String method, String path, String body) throws IOException {
        return call(new Request.Builder().url(url(path))
                .method(method, body == null ? null : RequestBody.create(body, XML))
                .header("Authorization", UNCHECKED_AUTH).header("X-Amz-Date", AMZ_DATE).build());
    }

    private Reply signed(String method, String path, String body, String key, String secret) throws IOException {
        return call(signedRequest(method, path, body, key, secret));
    }

    private Request signedRequest(String method, String path, String body, String key, String secret) {
        int query = path.indexOf('?');
        String encodedPath = query < 0 ? path : path.substring(0, query);
        // The path as sent is already encoded once; outside S3, AWS encodes it once more.
        return signedRequest(method, path, body, key, secret, encodedPath.replace("%", "%25"));
    }

    /**
     * The test's own SigV4 signer, apart from the fake's: signs host and x-amz-date; queries must be given sorted
     * and with unreserved characters only.
     */
    private Request signedRequest(String method, String path, String body, String key, String secret,
                                  String canonicalUri) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String host = "127.0.0.1:" + cloudFront.endpoint().substring(cloudFront.endpoint().lastIndexOf(':') + 1);
        int query = path.indexOf('?');
        String canonical = method + "\n" + canonicalUri + "\n" + (query < 0 ? "" : path.substring(query + 1))
                + "\nhost:" + host + "\nx-amz-date:" + AMZ_DATE + "\n\nhost;x-amz-date\n" + hex(sha256(bytes));
        String scope = "20261122/us-east-1/cloudfront/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + AMZ_DATE + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            signingKey = hmac(signingKey, part);
        }
        return new Request.Builder().url(url(path))
                .method(method, body == null ? null : RequestBody.create(bytes, XML))
                .header("Host", host)
                .header("X-Amz-Date", AMZ_DATE)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/" + scope
                        + ", SignedHeaders=host;x-amz-date, Signature=" + hex(hmac(signingKey, toSign)))
                .build();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private Reply call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Reply(response.code(), response.headers(), response.body().string());
        }
    }

    /** An answer, read with XPath over a DOM without namespaces so paths stay short. */
    private record Reply(int status, Headers headers, String body) {
        String text(String xpath) {
            return evaluate(xpath, XPathConstants.STRING).toString();
        }

        List<String> texts(String xpath) {
            NodeList nodes = (NodeList) evaluate(xpath, XPathConstants.NODESET);
            return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
        }

        int count(String xpath) {
            return texts(xpath).size();
        }

        String code() {
            return text("/ErrorResponse/Error/Code");
        }

        /** The namespace of the root element. */
        String namespace() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                return document.getDocumentElement().getNamespaceURI();
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }

        private Object evaluate(String xpath, QName type) {
            try {
                Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                XPath path = XPathFactory.newInstance().newXPath();
                return path.evaluate(xpath, document, type);
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }
    }
}
