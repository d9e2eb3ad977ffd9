package io.cdnpurge.testing;

import io.cdnpurge.BucketRoute;
import io.cdnpurge.CdnPurge;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.Route;
import io.cdnpurge.TargetOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeRouterTest {
    private final RecordingPurgeClient cloudflare = RecordingPurgeClient.create();
    private final RecordingPurgeClient fastly = RecordingPurgeClient.create();
    // a CDN without tags, as CloudFront without cache tags would be
    private final RecordingPurgeClient akamai = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of(
            "memory.kinds", "url,prefix,host")));
    private PurgeRouter router;

    private PurgeRouter router(Route... routes) {
        PurgeRouter.Builder builder = CdnPurge.router().client("cloudflare", cloudflare).client("fastly", fastly)
                .client("akamai", akamai);
        for (Route route : routes) {
            builder.route(route);
        }
        router = builder.build();
        return router;
    }

    @AfterEach
    void close() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void eachUrlGoesToTheClientsOfTheMostSpecificRouteAndTheResultSaysWhichPurgedIt() {
        router(Route.host("www.example.com").to("cloudflare", "fastly"),
                Route.host("*.example.com").to("akamai"),
                Route.host("www.example.com").path("/video/").to("akamai"));

        PurgeResult result = router.purge(PurgeRequest.builder().url("https://www.example.com/a.css")
                .url("https://img.example.com/b.png").url("https://www.example.com/video/c.mp4").build());

        assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/a.css");
        assertThat(fastly.purgedUrls()).containsExactly("https://www.example.com/a.css");
        assertThat(akamai.purgedUrls()).containsExactlyInAnyOrder("https://img.example.com/b.png",
                "https://www.example.com/video/c.mp4");
        assertThat(result.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(result.outcomes()).hasSize(4).extracting(TargetOutcome::provider)
                .containsExactlyInAnyOrder("cloudflare", "fastly", "akamai", "akamai");
        assertThat(result.parts()).extracting(PurgeResult::providerId)
                .containsExactly("cloudflare", "fastly", "akamai");
        assertThat(result.providerId()).isEqualTo("router");
    }

    @Test
    void aTagGoesToEveryClientOfTheTenantAndOneThatCannotPurgeTagsSaysSo() {
        router(Route.host("www.example.com").to("cloudflare", "akamai"), Route.host("static.example.com")
                .to("fastly"));

        PurgeResult result = router.purge(PurgeRequest.builder().tag("article-42").build());

        assertThat(cloudflare.purgedTags()).containsExactly("article-42");
        assertThat(fastly.purgedTags()).containsExactly("article-42");
        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.provider()).isEqualTo("akamai");
            assertThat(failure.error()).get().satisfies(error -> assertThat(error.getMessage())
                    .contains("akamai (memory) cannot purge by tag"));
        });
    }

    @Test
    void aTargetNoRouteCoversIsAFailedOutcomeNeverDropped() {
        router(Route.host("www.example.com").to("cloudflare"));

        PurgeResult result = router.purge(PurgeRequest.builder().url("https://www.example.com/a")
                .url("https://elsewhere.example.net/b").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.target()).isEqualTo(PurgeTarget.url("https://elsewhere.example.net/b"));
            assertThat(failure.provider()).isEqualTo("router");
            assertThat(failure.error()).get().satisfies(error -> assertThat(error.getMessage())
                    .contains("no route of router covers host elsewhere.example.net"));
        });
    }

    @Test
    void aClientFailingEveryCallFailsItsOwnTargetsAndNotTheOthers() {
        router(Route.host("a.example.com").to("cloudflare"), Route.host("b.example.com").to("fastly"),
                Route.host("c.example.com").to("akamai"));
        fastly.failNextCalls(100, Failures.serverError());
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 300; i++) {
            request.url("https://" + (char) ('a' + i % 3) + ".example.com/page/" + i);
        }

        PurgeResult result = router.purge(request.build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.outcomes()).hasSize(300);
        assertThat(result.parts()).extracting(PurgeResult::status).containsExactly(PurgeResult.Status.SUCCEEDED,
                PurgeResult.Status.FAILED, PurgeResult.Status.SUCCEEDED);
        assertThat(result.failures()).hasSize(100).allMatch(failure -> failure.provider().equals("fastly"));
        assertThat(cloudflare.purgedUrls()).hasSize(100).allMatch(url -> url.startsWith("https://a."));
        assertThat(akamai.purgedUrls()).hasSize(100).allMatch(url -> url.startsWith("https://c."));
    }

    @Test
    void aClientThatThrowsFailsItsTargetsOnly() {
        router(Route.host("a.example.com").to("cloudflare"), Route.host("b.example.com").to("fastly"));
        fastly.close();

        PurgeResult result = router.purge(PurgeRequest.builder().url("https://a.example.com/1")
                .url("https://b.example.com/2").build());

        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.failures()).singleElement().satisfies(failure -> assertThat(failure.error()).get()
                .satisfies(error -> assertThat(error.getMessage()).contains("closed")));
    }

    @Test
    void aTenantsRoutesServeOnlyThatTenant() {
        router(Route.host("www.example.com").to("cloudflare"),
                Route.host("www.example.com").tenant("acme").to("fastly"));

        router.purge(PurgeRequest.builder().url("https://www.example.com/x").build());
        router.purge(PurgeRequest.builder().tenant("acme").url("https://www.example.com/y").tag("t").build());

        assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/x");
        assertThat(fastly.purgedUrls()).containsExactly("https://www.example.com/y");
        assertThat(fastly.purgedTags()).containsExactly("t");
        assertThat(cloudflare.purgedTags()).isEmpty();
    }

    @Test
    void oneTenantsThrottlingNeverSlowsAnother() {
        router(Route.host("www.example.com").tenant("acme").to("cloudflare"),
                Route.host("www.example.com").tenant("globex").to("fastly"));
        // acme's account is throttled twice, 30 s each time
        cloudflare.failNextAttempts(2, Failures.throttled(Duration.ofSeconds(30)));
        java.time.Instant globexStart = fastly.clock().instant();

        PurgeResult acme = router.purge(PurgeRequest.builder().tenant("acme").url("https://www.example.com/a")
                .build());
        PurgeResult globex = router.purge(PurgeRequest.builder().tenant("globex").url("https://www.example.com/b")
                .build());

        assertThat(acme.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(acme.stats().throttled()).isEqualTo(2);
        assertThat(acme.stats().elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        // globex has clients of its own: no wait, no throttle, its clock never moved
        assertThat(globex.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(globex.stats().throttled()).isZero();
        assertThat(globex.stats().elapsed()).isZero();
        assertThat(fastly.clock().instant()).isEqualTo(globexStart);
    }

    @Test
    void anObjectOfABucketIsPurgedOnEveryHostOfTheBucketWithEachBucketRoutesClientsAndAction() {
        RecordingPurgeClient edgecast = RecordingPurgeClient.create();
        RecordingPurgeClient noLoads = RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of(
                "memory.prefetch", "false")));
        router = CdnPurge.router().client("cloudflare", cloudflare).client("fastly", fastly)
                .client("edgecast", edgecast).client("no-loads", noLoads)
                .route(Route.host("www.example.com").to("cloudflare", "fastly"))
                .bucket("assets", "www.example.com")
                .bucket(BucketRoute.of("assets", "static.example.com").to("edgecast", "no-loads")
                        .action(PurgeAction.PREFETCH))
                .bucket(BucketRoute.of("other", "www.example.org").path("/media/").schemes("http", "https")
                        .to("fastly"))
                .build();

        PurgeResult result = router.purgeObjects("assets", List.of("img/logo.png", "docs/a b+c/ü.pdf"));

        // through the routes, purged
        assertThat(cloudflare.purgedUrls()).containsExactly("https://www.example.com/img/logo.png",
                "https://www.example.com/docs/a%20b%2Bc/%C3%BC.pdf");
        assertThat(fastly.purgedUrls()).isEqualTo(cloudflare.purgedUrls());
        // the bucket route's own client, loaded
        assertThat(edgecast.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo(PurgeAction.PREFETCH);
            assertThat(call.targets()).extracting(PurgeTarget::value).containsExactly(
                    "https://static.example.com/img/logo.png", "https://static.example.com/docs/a%20b%2Bc/%C3%BC.pdf");
        });
        // a client that cannot load says so, for each URL; nothing is dropped
        assertThat(noLoads.calls()).isEmpty();
        assertThat(result.status()).isEqualTo(PurgeResult.Status.PARTIAL);
        assertThat(result.outcomes()).hasSize(8);
        assertThat(result.failures()).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.provider()).isEqualTo("no-loads");
            assertThat(failure.error()).get().extracting(Throwable::getMessage).asString().isEqualTo("no-loads "
                    + "cannot prefetch; bucket route assets → static.example.com → edgecast, no-loads, prefetch asks "
                    + "it");
        });
        assertThat(router.planObjects("other", List.of("x")).parts()).singleElement().satisfies(part -> {
            assertThat(part.providerId()).isEqualTo("fastly");
            assertThat(part.calls()).flatExtracting(PurgePlan.PlannedCall::targets).extracting(PurgeTarget::value)
                    .containsExactly("http://www.example.org/media/x", "https://www.example.org/media/x");
        });
        assertThatThrownBy(() -> BucketRoute.of("other", "www.example.org").path("media"))
                .hasMessageContaining("must start and end with /");
        assertThatThrownBy(() -> BucketRoute.of("other", "www.example.org").schemes("ftp"))
                .hasMessageContaining("scheme 'ftp' is not http or https");
        assertThat(router.buckets()).containsExactly(Map.entry("assets", List.of("www.example.com",
                "static.example.com")), Map.entry("other", List.of("www.example.org")));
    }

    @Test
    void aClientAskedToPurgeAndToLoadTheSameObjectLoadsOnceItsPurgeHasEnded() {
        RecordingPurgeClient edgecast = RecordingPurgeClient.create().respondAfter(Duration.ofSeconds(5));
        router = CdnPurge.router().client("edgecast", edgecast)
                .route(Route.host("www.example.com").to("edgecast"))
                .bucket("assets", "www.example.com")
                .bucket(BucketRoute.of("assets", "www.example.com").to("edgecast").action(PurgeAction.PREFETCH))
                .build();

        PurgeResult result = router.purgeObjects("assets", List.of("a.png"));

        assertThat(result.parts()).extracting(PurgeResult::providerId).containsExactly("edgecast", "edgecast");
        assertThat(edgecast.calls()).extracting(RecordedCall::action).containsExactly(PurgeAction.PURGE,
                PurgeAction.PREFETCH);
        // the load was sent when the purge had been answered, 5 s later
        assertThat(edgecast.calls().get(1).time()).isEqualTo(edgecast.calls().get(0).time().plusSeconds(5));
    }

    @Test
    void anUnknownBucketOrAnEmptyKeyIsRefusedBeforeAnyRequest() {
        router = CdnPurge.router().client("cloudflare", cloudflare)
                .route(Route.host("www.example.com").to("cloudflare")).bucket("assets", "www.example.com").build();

        assertThatThrownBy(() -> router.purgeObjects("asets", List.of("a.png")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no bucket asets is configured; its buckets are assets");
        assertThatThrownBy(() -> router.purgeObjects("assets", java.util.Arrays.asList("a.png", "", null,
                "img/../secret.png")))
                .hasMessage("cannot purge objects of bucket assets: a key is empty, a key is null, key "
                        + "'img/../secret.png' has a . or .. segment, which a URL resolves to another object (give "
                        + "the objects' keys, e.g. img/logo.png)");
        assertThatThrownBy(() -> CdnPurge.router().client("cloudflare", cloudflare)
                .bucket(BucketRoute.of("assets", "www.example.com").to("akamai")).build())
                .hasMessageContaining("bucket route assets → www.example.com → akamai names the client akamai");
        assertThat(cloudflare.calls()).isEmpty();
    }

    @Test
    void aPurgeIsAskedAboutByReferenceThroughTheOnlyClientNeverAGuessedOne() {
        router(Route.host("www.example.com").to("cloudflare"));
        assertThatThrownBy(() -> router.status("memory-1", null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("router router has 3 clients (cloudflare, fastly, akamai): ask the one whose vendor gave "
                        + "reference memory-1");
        try (PurgeRouter one = CdnPurge.router().client("memory", RecordingPurgeClient.create())
                .route(Route.host("www.example.com").to("memory")).build()) {
            // the memory vendor has no status API, as Cloudflare, Akamai and Fastly
            assertThat(one.status("memory-1", null)).isEmpty();
            assertThatThrownBy(() -> one.status(" ", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be blank");
        }
    }

    @Test
    void completionIsAwaitedForEveryClientWithinOneTimeout() {
        cloudflare.completeAfter(Duration.ofSeconds(5));
        akamai.completeAfter(Duration.ofSeconds(30));
        router(Route.host("a.example.com").to("cloudflare"), Route.host("c.example.com").to("akamai"));

        PurgeResult sent = router.purge(PurgeRequest.builder().url("https://a.example.com/1")
                .url("https://c.example.com/2").build());
        assertThat(sent.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);

        PurgeResult done = router.awaitCompletion(sent, Duration.ofMinutes(5));
        assertThat(done.status()).isEqualTo(PurgeResult.Status.SUCCEEDED);
        assertThat(done.parts()).hasSize(2).allMatch(part -> part.status() == PurgeResult.Status.SUCCEEDED);

        PurgeResult waitedTooLittle = router.awaitCompletion(router.purge(PurgeRequest.builder()
                .url("https://c.example.com/3").build()), Duration.ofSeconds(10));
        assertThat(waitedTooLittle.status()).isEqualTo(PurgeResult.Status.IN_PROGRESS);
        assertThat(waitedTooLittle.timedOut()).isTrue();
    }

    @Test
    void aPlanShowsEachClientsCallsAndWhatGoesNowhere() {
        router(Route.host("a.example.com").to("cloudflare", "fastly"));

        PurgePlan plan = router.plan(PurgeRequest.builder().url("https://a.example.com/1")
                .url("https://z.example.com/2").build());

        assertThat(plan.parts()).extracting(PurgePlan::providerId).containsExactly("cloudflare", "fastly");
        assertThat(plan.calls()).hasSize(2);
        assertThat(plan.notes()).anyMatch(note -> note.contains("no route of router covers host z.example.com"));
        assertThat(cloudflare.requests()).isEmpty();
    }

    @Test
    void aRouteNamingAClientTheRouterLacksIsAConfigurationError() {
        assertThatThrownBy(() -> CdnPurge.router().client("cloudflare", cloudflare)
                .route(Route.host("a.example.com").to("cloudflare", "fastyl")).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("the client fastyl");
        assertThatThrownBy(() -> Route.host("not a host")).isInstanceOf(IllegalArgumentException.class);
    }
}
