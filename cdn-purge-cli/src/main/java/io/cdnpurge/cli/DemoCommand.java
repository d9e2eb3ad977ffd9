package io.cdnpurge.cli;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.files.PurgeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cdn-purge demo}: the APIs of all six CDNs faked on loopback, and two tenants' purges sent through the real
 * providers from a configuration file, as a user's would be: a newsroom publishing an article (pages and tags on
 * Cloudflare and Akamai, assets on Fastly; Cloudflare throttles once) and a shop updating a product (CloudFront and
 * Edgecast for the shop, Highwinds for its media). No credentials, no network.
 */
@Command(name = "demo", description = "Purge a publish on all six CDNs, their APIs faked on loopback: no account, "
        + "no network.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--wait", paramLabel = "LIMIT", defaultValue = "1m",
            converter = PurgeCommand.DurationConverter.class,
            description = "How long to wait for the CDNs to complete (${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "3s", hidden = true,
            converter = PurgeCommand.DurationConverter.class,
            description = "How long the fake CDNs take to complete a purge (${DEFAULT-VALUE}).")
    Duration delay;

    @Override
    public Integer call() throws IOException {
        Terminal terminal = main.terminal;
        PrintStream out = terminal.out;
        Clock clock = terminal.clock;
        Path folder = Files.createTempDirectory("cdn-purge-demo");
        try (FakeCdns fakes = new FakeCdns(clock, delay)) {
            FakeCloudflareApi cloudflare = fakes.cloudflare;
            Path config = folder.resolve("cdn-purge.yml");
            Files.writeString(config, fakes.configuration(), StandardCharsets.UTF_8);

            out.println("cdn-purge demo: the APIs of six CDNs run on loopback; the providers, the engine and the");
            out.println("configuration file (" + config + ") are the real ones.");
            out.println();
            // the newsroom's first call to Cloudflare is throttled once: the client waits and retries
            cloudflare.throttleNext(1, Duration.ofSeconds(1));

            try (Progress progress = new Progress(terminal, false);
                 Tally tally = new Tally(null, clock)) {
                ClientOptions options = terminal.clientOptions(false).listener(progress).build();
                try (PurgeRouter router = PurgeFiles.load(config, Map.of(), options)) {
                    PurgeRequest publish = publish();
                    PurgeRequest product = productUpdate();
                    // one outcome per target and client it is routed to
                    progress.start(outcomes(router, publish) + outcomes(router, product));
                    out.println("1. newsroom (tenant news): article 4711 published: " + publish.targets().size()
                            + " targets");
                    out.println("2. shop (tenant shop): product 982 updated: " + product.targets().size()
                            + " targets");
                    // the two tenants purge side by side, each through its own clients
                    java.util.concurrent.CompletableFuture<PurgeResult> newsroom = router.purgeAsync(publish);
                    java.util.concurrent.CompletableFuture<PurgeResult> store = router.purgeAsync(product);
                    PurgeResult news = newsroom.join();
                    PurgeResult shop = store.join();
                    progress.chunkDone(news.outcomes().size() + shop.outcomes().size());
                    progress.awaiting(PurgeCommand.DurationConverter.format(wait));
                    news = router.awaitCompletion(news, wait);
                    shop = router.awaitCompletion(shop, wait);
                    tally.add(news);
                    tally.add(shop);
                }
                progress.stop();
                out.println();
                tally.print(out, true);
                out.println();
                out.println("What each CDN's fake API received:");
                for (FakeVendorApi fake : fakes.all) {
                    out.printf("  %-10s %3d requests, %3d of them purges%n", fake.providerId(), fake.requestCount(),
                            fake.purgeRequestCount());
                }
                return tally.exitCode(true);
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    private static long outcomes(PurgeRouter router, PurgeRequest request) {
        return router.plan(request).parts().stream().mapToLong(PurgePlan::targetCount).sum();
    }

    /** What the newsroom purges when an article is published: its pages, listings and feeds, assets and tags. */
    static PurgeRequest publish() {
        String site = "https://www.example.com";
        String assets = "https://static.example.com";
        return PurgeRequest.builder().tenant("news")
                .url(site + "/news/2026/12/04/city-council-approves-tram-line")
                .url(site + "/news/2026/12/04/city-council-approves-tram-line?amp=1")
                .url(site + "/")
                .url(site + "/news/")
                .url(site + "/news/city/")
                .url(site + "/feeds/news.rss")
                .url(site + "/sitemap-news.xml")
                .url(assets + "/img/articles/4711/hero.jpg")
                .url(assets + "/img/articles/4711/hero@2x.jpg")
                .url(assets + "/css/article.css")
                .tag("article-4711")
                .tag("section-city")
                .build();
    }

    /** What the shop purges when a product changes: its pages, its image folder on the media host. */
    static PurgeRequest productUpdate() {
        String shop = "https://shop.example.com";
        String media = "https://media.example.com";
        return PurgeRequest.builder().tenant("shop")
                .url(shop + "/products/982-trail-shoe")
                .url(shop + "/products/982-trail-shoe.json")
                .url(shop + "/categories/running/")
                .prefix(shop + "/api/stock/982/")
                .url(media + "/products/982/main.webp")
                .prefix(media + "/products/982/gallery/")
                .build();
    }
}
