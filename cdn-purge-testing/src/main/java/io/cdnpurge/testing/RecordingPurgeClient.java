package io.cdnpurge.testing;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.ForwardingPurgeClient;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeEngine;
import io.cdnpurge.testing.internal.MemoryBackend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An in-memory {@link PurgeClient} for your tests: it runs the real engine (validation, batching, retries, events)
 * against a vendor that lives in memory, records every request and call, and can be scripted to fail, to be slow,
 * or to answer partially. Provider id {@code memory}. Thread-safe.
 *
 * <pre>{@code
 * RecordingPurgeClient cdn = RecordingPurgeClient.create();
 * publisher.publish(article, cdn);                   // your code, given the fake
 * assertThat(cdn.purgedUrls()).contains("https://www.example.com/news/42");
 *
 * cdn.failNextAttempts(1, Failures.serverError());   // one 503, retried away: the purge succeeds
 * cdn.failNextCalls(1, Failures.serverError());      // every attempt of the next call: it fails for good
 * cdn.failFor(Duration.ofSeconds(30), Failures.serverError()); // down for 30 s of the client's clock
 * }</pre>
 *
 * <p>Made with {@link #create()}, it runs on virtual time: waits (retry backoff, {@link #respondAfter}, completion
 * estimates) advance its {@link #clock()} instead of sleeping. Config keys: {@code memory.maxItems} (items per call,
 * default 1,000), {@code memory.kinds} (the kinds it supports, comma-separated, default all: use it to act like
 * a vendor that lacks some) and {@code memory.prefetch} (whether it loads, {@code PurgeAction.PREFETCH}; default
 * true).
 */
public final class RecordingPurgeClient extends ForwardingPurgeClient {
    private final MemoryBackend backend;
    private final FakeClock clock;
    private final List<PurgeRequest> requests = Collections.synchronizedList(new ArrayList<>());

    private RecordingPurgeClient(MemoryBackend backend, PurgeClient engine, FakeClock clock) {
        super(engine);
        this.backend = backend;
        this.clock = clock;
    }

    /** A client on virtual time with the default limits, logging off. */
    public static RecordingPurgeClient create() {
        return create(PurgeConfig.empty());
    }

    /** A client on virtual time with {@code memory.*} settings, logging off. */
    public static RecordingPurgeClient create(PurgeConfig config) {
        FakeClock clock = new FakeClock();
        ClientOptions options = ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build();
        return create(config, options, clock);
    }

    /** A client with your own clock, sleeper and listeners; {@link #clock()} then returns null. */
    public static RecordingPurgeClient create(PurgeConfig config, ClientOptions options) {
        return create(config, options, null);
    }

    private static RecordingPurgeClient create(PurgeConfig config, ClientOptions options, FakeClock clock) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        MemoryPurgeProvider provider = new MemoryPurgeProvider();
        return create(ClientSettings.read(provider.id(), provider, config), options, clock);
    }

    /** A client of settings read against {@link MemoryPurgeProvider#schema()}. */
    static RecordingPurgeClient create(ClientSettings settings, ClientOptions options, FakeClock clock) {
        Set<PurgeTarget.Kind> kinds = EnumSet.noneOf(PurgeTarget.Kind.class);
        for (String name : settings.get(MemoryPurgeProvider.KINDS)) {
            kinds.add(PurgeTarget.Kind.valueOf(name.toUpperCase(Locale.ROOT).replace(' ', '_')));
        }
        if (kinds.isEmpty()) {
            kinds = EnumSet.allOf(PurgeTarget.Kind.class);
        }
        MemoryBackend backend = new MemoryBackend(kinds, settings.get(MemoryPurgeProvider.MAX_ITEMS),
                settings.get(MemoryPurgeProvider.PREFETCH), options.clock(), options.sleeper());
        return new RecordingPurgeClient(backend, PurgeEngine.client(backend, settings, options), clock);
    }

    // ---- scripting

    /**
     * Every attempt of the next {@code calls} calls fails with this error, so those calls fail for good (after the
     * engine's retries, for a retryable error): the way to test what your code does when the CDN is down.
     *
     * @param error e.g. {@link Failures#serverError()}, {@link Failures#throttled(Duration)}
     */
    public RecordingPurgeClient failNextCalls(int calls, PurgeException error) {
        backend.failNextCalls(positive(calls), Objects.requireNonNull(error, "error cannot be null"));
        return this;
    }

    /**
     * The next {@code attempts} attempts fail with this error, whatever call they belong to; a retry is an attempt,
     * so a retryable error fewer times than {@code memory.maxAttempts} is retried away and the purge succeeds: the
     * way to test that a blip costs nothing.
     */
    public RecordingPurgeClient failNextAttempts(int attempts, PurgeException error) {
        backend.failNextAttempts(positive(attempts), Objects.requireNonNull(error, "error cannot be null"));
        return this;
    }

    /**
     * The vendor is down for this long, from now on the client's clock: every attempt fails with this error until
     * then (however many calls and retries that is), and succeeds after. The way to test an outage longer than the
     * engine's retries.
     */
    public RecordingPurgeClient failFor(Duration outage, PurgeException error) {
        Objects.requireNonNull(outage, "outage cannot be null");
        Objects.requireNonNull(error, "error cannot be null");
        if (outage.isNegative()) {
            throw new IllegalArgumentException("outage cannot be negative, got " + outage);
        }
        backend.downUntil(backend.now().plus(outage), error);
        return this;
    }

    private static int positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        return count;
    }

    /** Targets matching the predicate are refused inside accepted calls, so results come back PARTIAL. */
    public RecordingPurgeClient refuseTargets(Predicate<PurgeTarget> which, PurgeException error) {
        backend.refuse(Objects.requireNonNull(which, "which cannot be null"),
                Objects.requireNonNull(error, "error cannot be null"));
        return this;
    }

    /** Every call takes this long to answer (on the client's clock). */
    public RecordingPurgeClient respondAfter(Duration latency) {
        backend.latency(Objects.requireNonNull(latency, "latency cannot be null"));
        return this;
    }

    /** Accepted purges stay IN_PROGRESS for this long after the answer, like Akamai's estimate. */
    public RecordingPurgeClient completeAfter(Duration estimate) {
        backend.completion(Objects.requireNonNull(estimate, "estimate cannot be null"));
        return this;
    }

    /** Forgets every request, call and script. */
    public void reset() {
        requests.clear();
        backend.reset();
    }

    // ---- recording

    /** Every request given to {@link #purge} or {@link #purgeAsync} that passed validation, in order. */
    public List<PurgeRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every vendor call the engine made, retries included, in arrival order. */
    public List<RecordedCall> calls() {
        return backend.calls();
    }

    /** Every target an accepted call purged, in order. */
    public Set<PurgeTarget> purgedTargets() {
        return backend.purged();
    }

    /** The values of the purged targets of one kind. */
    public List<String> purged(PurgeTarget.Kind kind) {
        return purgedTargets().stream().filter(t -> t.kind() == kind).map(PurgeTarget::value)
                .collect(Collectors.toList());
    }

    public List<String> purgedUrls() {
        return purged(PurgeTarget.Kind.URL);
    }

    public List<String> purgedTags() {
        return purged(PurgeTarget.Kind.TAG);
    }

    /** Whether the URL was purged. */
    public boolean wasPurged(String url) {
        return purgedUrls().contains(url);
    }

    /** The virtual clock, when made by {@link #create()}; null when you passed your own options. */
    public FakeClock clock() {
        return clock;
    }

    // ---- PurgeClient: purges are recorded, everything else goes straight to the engine

    @Override
    public PurgeResult purge(PurgeRequest request) {
        PurgeResult result = super.purge(request);
        requests.add(request);
        return result;
    }

    @Override
    public CompletableFuture<PurgeResult> purgeAsync(PurgeRequest request) {
        CompletableFuture<PurgeResult> future = super.purgeAsync(request);
        if (!future.isCompletedExceptionally()) {
            requests.add(request);
        }
        return future;
    }

    @Override
    public String toString() {
        return "RecordingPurgeClient{" + calls().size() + " calls}";
    }
}
