package io.cdnpurge.cli;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import io.cdnpurge.fakes.edgecast.FakeEdgecastApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The APIs of the six CDNs, faked on loopback, and the configuration file that reaches them: two tenants, a newsroom
 * (www and static on Cloudflare, Akamai and Fastly) and a shop (shop and media on CloudFront, Edgecast and
 * Highwinds), and a bucket, {@code mybucket}, served by www.example.com on all six.
 */
final class FakeCdns implements AutoCloseable {
    final FakeCloudflareApi cloudflare;
    final FakeAkamaiApi akamai;
    final FakeFastlyApi fastly;
    final FakeCloudFrontApi cloudfront;
    final FakeEdgecastApi edgecast;
    final FakeHighwindsApi highwinds;
    final List<FakeVendorApi> all;

    /** @param delay how long each takes to complete a purge (Akamai: its estimate) */
    FakeCdns(Clock clock, Duration delay) {
        cloudflare = FakeCloudflareApi.start().clock(clock);
        akamai = FakeAkamaiApi.start().clock(clock).estimatedSeconds((int) delay.getSeconds());
        fastly = FakeFastlyApi.start().clock(clock);
        cloudfront = FakeCloudFrontApi.start().clock(clock).distribution("E2DEMO0SHOP0001", "shop.example.com")
                .completionDelay(delay);
        edgecast = FakeEdgecastApi.start().clock(clock).completionDelay(delay);
        highwinds = FakeHighwindsApi.start().clock(clock).completionDelay(delay);
        all = List.of(cloudflare, akamai, fastly, cloudfront, edgecast, highwinds);
    }

    /** The configuration file that reaches the fakes, in the multi-CDN format. */
    String configuration() {
        Map<String, String> tenants = new LinkedHashMap<>();
        tenants.put("cloudflare", "news");
        tenants.put("akamai", "news");
        tenants.put("fastly", "news");
        tenants.put("cloudfront", "shop");
        tenants.put("edgecast", "shop");
        tenants.put("highwinds", "shop");
        StringBuilder yaml = new StringBuilder("# written by cdn-purge: every endpoint is a fake on loopback\n")
                .append("defaults:\n  maxAttempts: 3\ntenants:\n");
        for (String tenant : List.of("news", "shop")) {
            yaml.append("  ").append(tenant).append(":\n    clients:\n");
            for (FakeVendorApi fake : all) {
                if (!tenants.get(fake.providerId()).equals(tenant)) {
                    continue;
                }
                yaml.append("      ").append(fake.providerId()).append(":\n        provider: ")
                        .append(fake.providerId()).append('\n');
                fake.clientConfig().forEach((key, value) -> yaml.append("        ")
                        .append(key.substring(key.indexOf('.') + 1)).append(": \"").append(value).append("\"\n"));
            }
            yaml.append("    routes:\n");
            if (tenant.equals("news")) {
                yaml.append("      - { host: www.example.com, clients: [cloudflare, akamai] }\n")
                        .append("      - { host: static.example.com, clients: [fastly] }\n");
            } else {
                yaml.append("      - { host: shop.example.com, clients: [cloudfront, edgecast] }\n")
                        .append("      - { host: media.example.com, clients: [highwinds] }\n");
            }
        }
        yaml.append("buckets:\n  mybucket:\n")
                .append("    - { host: www.example.com, clients: [cloudflare, akamai, fastly, highwinds] }\n")
                .append("    - { host: www.example.com, clients: [edgecast], action: load }\n")
                .append("    - { host: shop.example.com, clients: [cloudfront] }\n");
        return yaml.toString();
    }

    @Override
    public void close() {
        all.forEach(FakeVendorApi::close);
    }
}
