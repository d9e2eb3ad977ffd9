package io.cdnpurge.examples;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.fakes.Failure;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import io.cdnpurge.fakes.cloudfront.FakeCloudFrontApi;
import io.cdnpurge.fakes.edgecast.FakeEdgecastApi;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import io.cdnpurge.testing.FakeClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The fakes' shared interface, as a new user meets it: a fake, its client, a scripted failure, virtual time. */
class FakeVendorApiTest {
    static Stream<Supplier<FakeVendorApi>> fakes() {
        return Stream.of(FakeCloudflareApi::start, FakeAkamaiApi::start, FakeFastlyApi::start,
                FakeCloudFrontApi::start, FakeEdgecastApi::start, FakeHighwindsApi::start);
    }

    @ParameterizedTest
    @MethodSource("fakes")
    void aClientOfTheFakePurgesOnVirtualTimeAndA503IsRetriedWithoutWaiting(Supplier<FakeVendorApi> start) {
        try (FakeVendorApi fake = start.get(); PurgeClient cdn = fake.client()) {
            fake.failNext(1, Failure.serverError());

            PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());

            assertThat(result.failures()).as(fake.providerId()).isEmpty();
            assertThat(result.stats().retries()).isEqualTo(1);
            assertThat(fake.purgeRequestCount()).isEqualTo(2);
            assertThat(fake.purgedUrls()).hasSize(1);
            // the backoff was slept on the fake's clock, which moved by it, not in real time
            assertThat(((FakeClock) fake.clock()).sleeps()).isNotEmpty();
            assertThat(fake.secrets()).isNotEmpty().allSatisfy(secret ->
                    assertThat(cdn.toString() + result).doesNotContain(secret));
        }
    }

    @ParameterizedTest
    @MethodSource("fakes")
    void aFailureOfEveryAttemptFailsTheCallForGoodAndSaysSo(Supplier<FakeVendorApi> start) {
        try (FakeVendorApi fake = start.get();
             PurgeClient cdn = io.cdnpurge.CdnPurge.client(fake.providerId(), fake.config()
                     .with(java.util.Map.of(fake.providerId() + ".maxAttempts", "2")), fake.options())) {
            fake.failNext(2, Failure.serverError());

            PurgeResult result = cdn.purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());

            assertThat(result.status()).as(fake.providerId()).isEqualTo(PurgeResult.Status.FAILED);
            assertThat(fake.purgeRequestCount()).isEqualTo(2);
            assertThat(fake.requestLines()).hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
