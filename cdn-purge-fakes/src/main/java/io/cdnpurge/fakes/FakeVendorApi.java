package io.cdnpurge.fakes;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.Sleeper;
import io.cdnpurge.testing.FakeClock;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every vendor fake has: an endpoint, a virtual clock it shares with its clients, the configuration a client
 * needs to reach it, failures scripted for the next requests, and the requests received. Each fake adds its
 * vendor's own scripting and records.
 *
 * <p>Virtual time without ceremony: a client made with {@link #client()} (or with {@link #options()}) runs on the
 * fake's clock, so a retry after a 503 or a {@code Retry-After} takes no real time, and a vendor's completion delay
 * passes when the test advances the clock.
 *
 * <pre>{@code
 * try (FakeCloudflareApi fake = FakeCloudflareApi.start(); PurgeClient cdn = fake.client()) {
 *     fake.failNext(1, Failure.serverError());                   // one request: retried, on virtual time
 *     cdn.purge(PurgeRequest.builder().url("https://www.example.com/a.css").build());
 *     assertThat(fake.requestCount()).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Scripted failures count <em>requests</em>: every attempt of a call, a retry included, is one request. To fail a
 * call for good, fail as many requests as the client's {@code maxAttempts}.
 */
public interface FakeVendorApi extends AutoCloseable {
    /**
     * The read timeout {@link #clientConfig()} gives a client ({@code <id>.timeout}): a fake on loopback answers
     * within milliseconds, so a request scripted to stall ends in two seconds rather than the default thirty.
     */
    String CLIENT_TIMEOUT = "2s";

    /** The provider id of the clients this fake serves, e.g. {@code cloudflare}. */
    String providerId();

    /** The base URL a client sets as {@code <client>.endpoint}. */
    String endpoint();

    /**
     * The fake's clock, which it shares with the clients made with {@link #options()}: a {@link FakeClock} of its own
     * (virtual time) unless the test gave it another, such as the system clock for a demo in real time.
     */
    Clock clock();

    /**
     * Client options on the fake's clock, logging off. On a {@link FakeClock} the sleeper advances it, so retries,
     * rate-limit waits and completion polls take no real time.
     */
    default ClientOptions options() {
        Clock clock = clock();
        Sleeper sleeper = clock instanceof FakeClock ? ((FakeClock) clock).sleeper() : Sleeper.system();
        return ClientOptions.builder().clock(clock).sleeper(sleeper).logging(false).build();
    }

    /**
     * The keys a client named {@link #providerId()} needs to purge through this fake: its endpoint, the credential it
     * accepts, a scope (zone, service, distribution) and a read timeout of {@link #CLIENT_TIMEOUT}.
     */
    Map<String, String> clientConfig();

    /** {@link #clientConfig()} as a configuration with an empty environment, so no variable of the machine leaks in. */
    default PurgeConfig config() {
        return PurgeConfig.fromMap(clientConfig()).withEnvironment(Map.of());
    }

    /**
     * A client of this fake's provider on its virtual time:
     * {@code CdnPurge.client(providerId(), config(), options())}.
     */
    default PurgeClient client() {
        return CdnPurge.client(providerId(), config(), options());
    }

    /** The credential values the fake accepts (from {@link #clientConfig()}); none may ever be printed. */
    List<String> secrets();

    /** The next {@code requests} requests get this error, in the vendor's shape. */
    FakeVendorApi failNext(int requests, Failure failure);

    /** The next {@code requests} requests are throttled, asking to wait (where the vendor says how long). */
    FakeVendorApi throttleNext(int requests, Duration retryAfter);

    /** The next {@code requests} requests are read and never answered: only the client's timeout ends them. */
    FakeVendorApi stallNext(int requests);

    /** The next {@code requests} requests are read and the connection closed without an answer. */
    FakeVendorApi disconnectNext(int requests);

    /** The next {@code requests} requests get exactly this answer, whatever they hold. */
    FakeVendorApi answerNext(int requests, int httpStatus, Map<String, String> headers, String body);

    /** Every request received so far as {@code METHOD target}, the target exactly as sent. */
    List<String> requestLines();

    /** How many requests were received so far, of any kind. */
    int requestCount();

    /** How many purge requests were received so far (not look-ups or status questions), whatever the answer. */
    int purgeRequestCount();

    /** What was purged for URL targets, in the vendor's own form, in order. */
    List<String> purgedUrls();

    /** Stops the fake's server. */
    @Override
    void close();
}
