package io.cdnpurge.examples;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeStats;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a CMS does after publishing an article: purge the article's pages, its assets and its cache tags on
 * Cloudflare. Runs against the fake Cloudflare API on loopback, so it needs no account and no network, but
 * everything else is real: the provider, the engine, the HTTP calls and Cloudflare's request rules.
 */
public final class PublishDemo {
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String TOKEN = "demo-token-not-a-real-secret";

    private PublishDemo() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try (FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken(TOKEN).zone(ZONE, "example.com")) {
            run(cloudflare, out, ClientOptions.defaults());
        }
    }

    static PurgeResult run(FakeCloudflareApi cloudflare, PrintStream out, ClientOptions options) {
        PurgeConfig config = PurgeConfig.fromMap(Map.of(
                "cloudflare.apiToken", TOKEN,
                "cloudflare.zoneId", ZONE,
                "cloudflare.plan", "pro",
                "cloudflare.endpoint", cloudflare.endpoint()));
        out.println("cdn-purge publish demo — Cloudflare API faked on " + cloudflare.endpoint());
        out.println();

        PurgeRequest publish = publishOf("2026/11/22/city-council-approves-tram-line", 4711);
        // the first call gets Cloudflare's 429 once, to show the client waiting and retrying
        cloudflare.throttleNext(1, Duration.ofSeconds(1));

        try (PurgeClient cdn = CdnPurge.client("cloudflare", config, options)) {
            PurgePlan plan = cdn.plan(publish);
            out.println("Plan: " + plan.calls().size() + " calls (minimum " + plan.minimumCalls() + ") for "
                    + plan.targetCount() + " targets, " + plan.duplicatesRemoved() + " duplicate removed");
            plan.calls().forEach(call -> out.println("  " + call.description()));
            out.println();

            PurgeResult result = cdn.purge(publish);
            out.println();
            out.println("Result: " + result.status());
            for (TargetOutcome outcome : result.outcomes()) {
                String headers = outcome.target().headers().isEmpty() ? "" : " " + outcome.target().headers();
                out.printf("  %-9s %-6s %s%s%s%n", outcome.status(), outcome.target().kind(), outcome.target().value(),
                        headers, outcome.vendorReference().map(ref -> "  (purge id " + ref + ")").orElse(""));
            }
            PurgeStats stats = result.stats();
            out.println();
            out.println("Figures: " + stats.calls() + " calls, " + stats.requests() + " requests sent, "
                    + stats.retries() + " retried, " + stats.throttled() + " throttled, " + stats.elapsed().toMillis()
                    + " ms");
            out.println("The fake received " + cloudflare.purgeCalls().size() + " purge requests.");
            return result;
        }
    }

    /** Everything one published article invalidates: its pages, listings, feeds, assets and cache tags. */
    static PurgeRequest publishOf(String slug, int articleId) {
        String site = "https://www.example.com";
        List<String> pages = new ArrayList<>(List.of(
                site + "/news/" + slug,
                site + "/news/" + slug + "?amp=1",
                site + "/",
                site + "/news/",
                site + "/news/city/",
                site + "/feeds/news.rss",
                site + "/sitemap-news.xml",
                site + "/api/articles/" + articleId + "?fields=teaser&lang=en"));
        pages.add(site + "/news/");                                   // listed twice by two CMS hooks: sent once
        return PurgeRequest.builder()
                .urls(pages)
                .url(site + "/news/" + slug, Map.of("CF-Device-Type", "mobile"))
                .prefix("https://static.example.com/img/articles/" + articleId + "/")
                .tag("article-" + articleId)
                .tag("section-city")
                .tag("author-jdoe")
                .idempotencyKey("publish-" + articleId + "-v3")
                .build();
    }
}
