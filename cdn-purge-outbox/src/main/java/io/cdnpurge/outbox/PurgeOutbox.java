package io.cdnpurge.outbox;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.Sleeper;
import io.cdnpurge.TargetOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A durable purge outbox: {@link #enqueue} stores a purge and returns at once with a ticket; workers drain the store
 * through a {@link PurgeClient} (a router included), claiming many items at a time so that the engine packs them into
 * the fewest vendor calls. An item that fails in a way a retry can fix (an outage longer than the engine's retries, a
 * throttle) is queued again with a growing backoff, up to {@code maxAttempts}; one the vendor refuses fails for good.
 * A durable store ({@link JdbcOutboxStore}) keeps every item until it is finished, so a restart, a crash or
 * {@code kill -9} loses nothing: an item a dead worker held is taken over when its lease runs out.
 *
 * <pre>{@code
 * try (PurgeOutbox outbox = PurgeOutbox.builder(cdn, JdbcOutboxStore.file(Path.of("purges.db"))).build().start()) {
 *     String ticket = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/news/").build());
 *     …
 *     OutboxStatus status = outbox.status(ticket);
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class PurgeOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeOutbox.class);

    private final PurgeClient client;
    private final OutboxStore store;
    private final String worker;
    /**
     * The name this instance claims under: the worker's name and a mark of this instance, so that a restarted
     * process under the same name, handing back what its dead run held, also fences out that run's late answers.
     */
    private final String claimant;
    private final int batchSize;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final long maxPending;
    private final Duration pollInterval;
    private final Duration stopTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<OutboxListener> listeners;
    private final boolean everythingSupersedes;
    private final Duration repeatAfter;
    /** URLs of one directory in a batch from which a prefix purge stands for them; 0 for never. */
    private final int coalescePrefixes;
    private final Duration keepFinishedFor;
    /** When the worker thread last pruned finished items; only that thread reads and writes it. */
    private Instant prunedAt = Instant.MIN;
    /** Guards {@link #sending} against {@link #running}, so that close never interrupts a batch being sent. */
    private final Object stopping = new Object();
    /** Whether the worker thread is draining a batch (then close waits for it); guarded by {@link #stopping}. */
    private boolean sending;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread drainer;

    private PurgeOutbox(Builder builder) {
        this.client = builder.client;
        this.store = builder.store;
        this.worker = builder.worker;
        this.claimant = builder.worker + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.batchSize = builder.batchSize;
        this.lease = builder.lease;
        this.maxAttempts = builder.maxAttempts;
        this.firstBackoff = builder.firstBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxPending = builder.maxPending;
        this.pollInterval = builder.pollInterval;
        this.stopTimeout = builder.stopTimeout;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.listeners = List.copyOf(builder.listeners);
        this.everythingSupersedes = canPurge(client, PurgeTarget.Kind.EVERYTHING);
        this.repeatAfter = builder.repeatAfter;
        this.keepFinishedFor = builder.keepFinishedFor;
        this.coalescePrefixes = builder.coalescePrefixes == 0 || !canPurge(client, PurgeTarget.Kind.PREFIX) ? 0
                : builder.coalescePrefixes;
        if (builder.coalescePrefixes > 0 && coalescePrefixes == 0) {
            LOG.warn("outbox worker {}: coalescePrefixes({}) is off, as {} cannot purge prefixes", worker,
                    builder.coalescePrefixes, client.providerId());
        }
    }

    /**
     * Whether every client a purge goes through can purge this kind: only then may a purge of everything replace
     * queued targets, or a prefix stand for URLs.
     */
    private static boolean canPurge(PurgeClient client, PurgeTarget.Kind kind) {
        if (client instanceof io.cdnpurge.PurgeRouter) {
            return ((io.cdnpurge.PurgeRouter) client).clients().values().stream()
                    .allMatch(each -> canPurge(each, kind));
        }
        return client.capabilities().supports(kind);
    }

    public static Builder builder(PurgeClient client, OutboxStore store) {
        return new Builder(client, store);
    }

    /**
     * Stores a purge to be sent as soon as a worker is free; returns its ticket at once.
     *
     * @throws OutboxFullException when {@code maxPending} items are waiting already: nothing is stored
     */
    public String enqueue(PurgeRequest request) {
        return enqueue(request, clock.instant(), repeatAfter);
    }

    /**
     * Stores a purge not to be sent before {@code notBefore} (a purge to follow an origin's replication, say).
     *
     * @throws OutboxFullException when {@code maxPending} items are waiting already: nothing is stored
     */
    public String enqueue(PurgeRequest request, Instant notBefore) {
        return enqueue(request, notBefore, repeatAfter);
    }

    /**
     * Stores a purge not to be sent before {@code notBefore}, and to be sent again {@code repeatAfter} later: for an
     * origin that replicates slowly, where a purge that lands before every origin server has the new page lets the
     * old one be cached again. The ticket then counts each target twice, once per purge.
     *
     * @param repeatAfter how long after the first the second purge is due; {@link Duration#ZERO} for none
     * @throws OutboxFullException when {@code maxPending} items are waiting already: nothing is stored
     * @throws io.cdnpurge.InvalidPurgeRequestException a target the client cannot purge, as {@code purge} would
     *                                                  say: nothing is stored
     */
    public String enqueue(PurgeRequest request, Instant notBefore, Duration repeatAfter) {
        Objects.requireNonNull(request, "request cannot be null");
        Objects.requireNonNull(notBefore, "notBefore cannot be null");
        Objects.requireNonNull(repeatAfter, "repeatAfter cannot be null");
        if (repeatAfter.isNegative()) {
            throw new IllegalArgumentException("repeatAfter cannot be negative, was " + repeatAfter);
        }
        // checked now, as a direct purge would be, so that a target the client cannot purge fails its caller and is
        // never stored to fail a batch later (planning sends nothing)
        client.plan(request);
        Set<PurgeTarget> targets = new LinkedHashSet<>(request.targets());
        int copies = repeatAfter.isZero() ? 1 : 2;
        long pending = store.pending();
        if (pending + (long) targets.size() * copies > maxPending) {
            throw new OutboxFullException("the outbox holds " + pending + " items waiting, and "
                    + targets.size() * copies + " more would pass its bound of " + maxPending
                    + " (PurgeOutbox.Builder.maxPending): nothing was stored; purge directly, or raise the bound");
        }
        String ticket = UUID.randomUUID().toString();
        List<OutboxItem> items = new ArrayList<>(targets.size() * copies);
        for (int copy = 0; copy < copies; copy++) {
            Instant due = copy == 0 ? notBefore : notBefore.plus(repeatAfter);
            for (PurgeTarget target : targets) {
                items.add(new OutboxItem(0, ticket, target, request.mode(), request.action(),
                        request.tenant().orElse(null), OutboxState.QUEUED, 0, null, null, due));
            }
        }
        store.add(items, everythingSupersedes, clock.instant());
        return ticket;
    }

    /** Items waiting to be sent or being sent (queued, retrying, in flight), in the whole store: the outbox's depth. */
    public long pending() {
        return store.pending();
    }

    /** How the items of a ticket stand now. */
    public OutboxStatus status(String ticket) {
        Objects.requireNonNull(ticket, "ticket cannot be null");
        return new OutboxStatus(ticket, store.count(ticket), store.failures(ticket, 20));
    }

    /**
     * Claims one batch of ready items, purges them and records how each ended.
     *
     * @return how many items were claimed (0 when nothing is ready)
     */
    public int drainOnce() {
        Instant now = clock.instant();
        List<OutboxItem> claimed = store.claim(claimant, batchSize, now, lease);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<OutboxItem> finished = new ArrayList<>(claimed.size());
        List<OutboxItem> toSend = new ArrayList<>(claimed.size());
        for (OutboxItem item : claimed) {
            if (item.attempts() >= maxAttempts) {
                // every attempt was lost with its worker's lease (a batch slower than the lease, workers that die)
                finished.add(item.with(OutboxState.FAILED, item.attempts(), "its lease (" + lease + ") ran out "
                        + item.attempts() + " times before it could be recorded: give the outbox a lease longer than "
                        + "a batch takes to purge (PurgeOutbox.Builder.lease), or a smaller batchSize", null,
                        item.notBefore()));
            } else {
                toSend.add(item);
            }
        }
        // one purge per kind of request (mode, action, tenant): the engine packs each into the fewest calls
        Map<List<Object>, List<OutboxItem>> groups = new LinkedHashMap<>();
        for (OutboxItem item : toSend) {
            groups.computeIfAbsent(List.of(item.mode().map(Enum::name).orElse(""), item.action(),
                    item.tenant().orElse("")), any -> new ArrayList<>()).add(item);
        }
        for (List<OutboxItem> group : groups.values()) {
            finished.addAll(send(group));
        }
        if (Thread.currentThread().isInterrupted()) {
            // stopped by close past its stopTimeout: what did not succeed is handed back, not counted as an attempt
            finished.removeIf(item -> item.state() != OutboxState.SUCCEEDED);
        }
        List<OutboxItem> recorded = store.finish(claimant, finished, clock.instant());
        if (recorded.size() < finished.size()) {
            LOG.warn("outbox worker {}: {} of {} items outlived their lease ({}) or were handed back before this "
                    + "worker finished them; the worker that holds them now reports them", worker,
                    finished.size() - recorded.size(), finished.size(), lease);
        }
        for (OutboxItem item : recorded) {
            for (OutboxListener listener : listeners) {
                try {
                    listener.finished(item);
                } catch (RuntimeException e) {
                    LOG.warn("an OutboxListener ({}) threw on {}; the outbox goes on", listener.getClass().getName(),
                            item, e);
                }
            }
        }
        return claimed.size();
    }

    /**
     * Purges a group as one request. When the engine refuses the request as a whole before sending anything (a
     * target it cannot purge), each item is purged on its own, so that only the items at fault fail.
     */
    private List<OutboxItem> send(List<OutboxItem> group) {
        Map<PurgeTarget, PurgeTarget> sentAs = coalescePrefixes > 0 ? prefixes(group) : Map.of();
        Attempt attempt = attempt(group, sentAs);
        if (group.size() > 1 && (attempt.failed instanceof io.cdnpurge.InvalidPurgeRequestException
                || attempt.failed instanceof io.cdnpurge.UnsupportedPurgeException)) {
            LOG.warn("outbox worker {}: {} refused a batch of {} items before sending it ({}); purging them one by "
                    + "one", worker, client.providerId(), group.size(), attempt.failed.getMessage());
            List<OutboxItem> finished = new ArrayList<>(group.size());
            for (OutboxItem item : group) {
                finished.addAll(outcomes(List.of(item), Map.of(), attempt(List.of(item), Map.of())));
            }
            return finished;
        }
        return outcomes(group, sentAs, attempt);
    }

    /** What one request of a group came to: its outcomes by target, or its failure as a whole. */
    private static final class Attempt {
        final Map<PurgeTarget, List<TargetOutcome>> outcomes = new LinkedHashMap<>();
        PurgeException failed;
        boolean retryable;
    }

    private Attempt attempt(List<OutboxItem> group, Map<PurgeTarget, PurgeTarget> sentAs) {
        OutboxItem first = group.get(0);
        PurgeRequest.Builder request = PurgeRequest.builder().action(first.action());
        first.mode().ifPresent(request::mode);
        first.tenant().ifPresent(request::tenant);
        Set<PurgeTarget> targets = new LinkedHashSet<>();
        group.forEach(item -> targets.add(sentAs.getOrDefault(item.target(), item.target())));
        request.targets(targets);
        Attempt attempt = new Attempt();
        try {
            PurgeResult result = client.purge(request.build());
            for (TargetOutcome outcome : result.outcomes()) {
                attempt.outcomes.computeIfAbsent(outcome.target(), any -> new ArrayList<>()).add(outcome);
            }
        } catch (PurgeException e) {
            attempt.failed = e;
            attempt.retryable = e.retryable();
        } catch (RuntimeException e) {
            // not the vendor's word: a closed client, a full executor, a fault; another attempt may go through
            attempt.failed = new PurgeException(client.providerId() + " failed: " + e, e);
            attempt.retryable = true;
        }
        return attempt;
    }

    private List<OutboxItem> outcomes(List<OutboxItem> group, Map<PurgeTarget, PurgeTarget> sentAs, Attempt attempt) {
        Instant now = clock.instant();
        List<OutboxItem> finished = new ArrayList<>(group.size());
        for (OutboxItem item : group) {
            int attempts = item.attempts() + 1;
            List<TargetOutcome> mine = attempt.outcomes.getOrDefault(sentAs.getOrDefault(item.target(),
                    item.target()), List.of());
            PurgeException error = attempt.failed;
            boolean retryable = attempt.retryable;
            String reference = null;
            if (error == null) {
                for (TargetOutcome outcome : mine) {
                    if (outcome.status() == TargetOutcome.Status.FAILED) {
                        PurgeException cause = outcome.error().orElse(new PurgeException("failed"));
                        // a target fails for good if any of its clients refused it; else a retry may fix it
                        retryable = error == null ? cause.retryable() : retryable && cause.retryable();
                        error = error == null ? cause : error;
                    } else if (reference == null) {
                        reference = outcome.vendorReference().orElse(null);
                    }
                }
                if (mine.isEmpty()) {
                    error = new PurgeException("no outcome came back for " + item.target());
                    retryable = true;
                }
            }
            if (error == null) {
                finished.add(item.with(OutboxState.SUCCEEDED, attempts, null, reference, item.notBefore()));
            } else if (retryable && attempts < maxAttempts) {
                finished.add(item.with(OutboxState.RETRYING, attempts, error.getMessage(), reference,
                        now.plus(backoff(attempts))));
            } else {
                finished.add(item.with(OutboxState.FAILED, attempts, error.getMessage()
                        + (retryable ? " (gave up after " + attempts + " attempts)" : ""), reference,
                        item.notBefore()));
            }
        }
        return finished;
    }

    /**
     * The URLs of a batch that share a directory, {@code coalescePrefixes} of them or more, each mapped to the prefix
     * of that directory: one prefix purge stands for them all. Only URLs without cache-key headers, and never the
     * root of a host (a prefix there is the whole site).
     */
    private Map<PurgeTarget, PurgeTarget> prefixes(List<OutboxItem> group) {
        Map<String, List<PurgeTarget>> byDirectory = new LinkedHashMap<>();
        for (OutboxItem item : group) {
            PurgeTarget target = item.target();
            if (target.kind() != PurgeTarget.Kind.URL || !target.headers().isEmpty()) {
                continue;
            }
            String url = target.value();
            int query = url.indexOf('?');
            int slash = url.lastIndexOf('/', query < 0 ? url.length() - 1 : query);
            int hostEnd = url.indexOf('/', url.indexOf("://") + 3);
            if (slash > hostEnd) {
                byDirectory.computeIfAbsent(url.substring(0, slash + 1), any -> new ArrayList<>()).add(target);
            }
        }
        Map<PurgeTarget, PurgeTarget> sentAs = new LinkedHashMap<>();
        byDirectory.forEach((directory, urls) -> {
            if (urls.size() >= coalescePrefixes) {
                PurgeTarget prefix = PurgeTarget.prefix(directory);
                urls.forEach(url -> sentAs.put(url, prefix));
            }
        });
        return sentAs;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from {@code firstBackoff}, at most {@code maxBackoff}. */
    Duration backoff(int attempts) {
        Duration wait = firstBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * Forgets the items that finished more than {@code keepFinishedFor} ago (7 days unless set), so the store does
     * not grow without end; a started worker does it once an hour. Their tickets read as unknown after.
     *
     * @return how many items were forgotten
     */
    public int prune() {
        int pruned = store.prune(clock.instant().minus(keepFinishedFor));
        if (pruned > 0) {
            LOG.info("outbox worker {} forgot {} items finished more than {} ago (keepFinishedFor)", worker, pruned,
                    keepFinishedFor);
        }
        return pruned;
    }

    private void pruneHourly() {
        Instant now = clock.instant();
        if (prunedAt.isBefore(now.minus(Duration.ofHours(1)))) {
            prunedAt = now;
            prune();
        }
    }

    /**
     * Starts a worker thread that drains the outbox until {@link #close}: a batch after another while items are
     * ready, else a pause of {@code pollInterval}. Items still held under this worker's name (an earlier run of it
     * was killed) are handed back first: give each instance a name of its own that it keeps across restarts (the
     * host name, a pod name) and it takes them up at once; with a new name, they wait for their lease to run out.
     */
    public PurgeOutbox start() {
        synchronized (stopping) {
            Thread previous = drainer;
            if (running.get()) {
                return this;
            }
            if (previous != null && previous.isAlive()) {
                throw new IllegalStateException("outbox worker " + worker + " is still finishing the batch it was "
                        + "sending when it was closed; start it again once that ends (stopTimeout " + stopTimeout
                        + ")");
            }
            running.set(true);
        }
        // what this worker's name still holds is from an earlier run of it that died (kill -9, a crash): hand it
        // back now rather than after the lease; if the store cannot be reached, the lease returns it later
        try {
            int orphans = store.release(worker, clock.instant());
            if (orphans > 0) {
                LOG.info("outbox worker {} starting: {} items an earlier run of it held are claimable again", worker,
                        orphans);
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox worker {} starting: could not hand back what an earlier run of it held ({}); those items "
                    + "return when their lease ({}) runs out", worker, e.getMessage(), lease);
        }
        Thread thread = new Thread(this::drainLoop, "cdn-purge-outbox-" + worker);
        thread.setDaemon(true);
        drainer = thread;
        thread.start();
        return this;
    }

    private void drainLoop() {
        Thread self = Thread.currentThread();
        while (true) {
            synchronized (stopping) {
                if (!running.get() || drainer != self) {
                    return;
                }
                sending = true;
            }
            int drained;
            try {
                pruneHourly();
                drained = drainOnce();
            } catch (Throwable e) {
                drained = -1;
                // the store or client failed: its items stay claimed until their lease runs out, then are retried;
                // the worker goes on whatever it was (a listener's error included)
                LOG.warn("outbox worker {}: a batch failed ({}); trying again in {}", worker, e.toString(),
                        pollInterval, e);
            } finally {
                synchronized (stopping) {
                    sending = false;
                }
            }
            try {
                if (!running.get()) {
                    return;
                }
                if (drained <= 0) {
                    sleeper.sleep(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the worker: a batch it is sending is finished (waiting at most {@code stopTimeout}, then interrupted);
     * whatever it still holds is handed back to the store at once, for the next worker or start; what it has not
     * claimed stays there too. The client is the caller's and stays open.
     */
    @Override
    public void close() {
        Thread thread = drainer;
        boolean busy;
        synchronized (stopping) {
            if (!running.getAndSet(false) || thread == null) {
                return;
            }
            busy = sending;
            if (!busy) {
                thread.interrupt();   // it is pausing between polls, or about to see that it must stop
            }
        }
        if (busy) {
            LOG.info("outbox worker {} stopping: waiting at most {} (stopTimeout) for the batch it is sending",
                    worker, stopTimeout);
        }
        try {
            thread.join(stopTimeout.toMillis());
            if (thread.isAlive()) {
                LOG.warn("outbox worker {}: its batch was not sent within {} (stopTimeout); interrupting it and "
                        + "handing its items back to the outbox", worker, stopTimeout);
                thread.interrupt();
                thread.join(Math.min(stopTimeout.toMillis(), 1_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            int handedBack = store.release(claimant, clock.instant());
            if (handedBack > 0) {
                LOG.info("outbox worker {} handed {} items it held back to the outbox", worker, handedBack);
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox worker {} could not hand its items back ({}); they return when their lease ({}) runs "
                    + "out", worker, e.getMessage(), lease);
        }
    }

    @Override
    public String toString() {
        return "PurgeOutbox{worker " + worker + ", " + store + ", client " + client.providerId() + "}";
    }

    /** Builds a {@link PurgeOutbox}. Not thread-safe. */
    public static final class Builder {
        private final PurgeClient client;
        private final OutboxStore store;
        private String worker = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        private int batchSize = 1_000;
        private Duration lease = Duration.ofMinutes(5);
        private int maxAttempts = 20;
        private Duration firstBackoff = Duration.ofSeconds(5);
        private Duration maxBackoff = Duration.ofMinutes(10);
        private long maxPending = 1_000_000;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private final List<OutboxListener> listeners = new ArrayList<>();
        private Duration repeatAfter = Duration.ZERO;
        private int coalescePrefixes;
        private Duration keepFinishedFor = Duration.ofDays(7);

        private Builder(PurgeClient client, OutboxStore store) {
            this.client = Objects.requireNonNull(client, "client cannot be null");
            this.store = Objects.requireNonNull(store, "store cannot be null");
        }

        /**
         * This worker's name in the store's claims (a random one unless set): unique per running instance, and
         * best kept across its restarts (see {@link PurgeOutbox#start()}).
         */
        public Builder worker(String name) {
            Objects.requireNonNull(name, "worker cannot be null");
            if (!name.matches("[A-Za-z0-9._:@-]{1,100}")) {
                throw new IllegalArgumentException("outbox worker name '" + name + "' must be 1 to 100 letters, "
                        + "digits, '.', '_', ':', '@' or '-' (a host or pod name)");
            }
            this.worker = name;
            return this;
        }

        /** Items claimed and purged at a time (1,000 unless set). */
        public Builder batchSize(int items) {
            this.batchSize = positive(items, "batchSize");
            return this;
        }

        /**
         * How long a claim holds its items (5 minutes unless set): longer than a batch takes to send, or another
         * worker takes it over and sends it again.
         */
        public Builder lease(Duration held) {
            this.lease = positive(held, "lease");
            return this;
        }

        /** Attempts before an item that keeps failing retryably fails for good (20 unless set). */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = positive(attempts, "maxAttempts");
            return this;
        }

        /** The wait before the second attempt, doubling after, at most {@code max} (5 s and 10 min unless set). */
        public Builder backoff(Duration first, Duration max) {
            this.firstBackoff = positive(first, "first backoff");
            this.maxBackoff = positive(max, "max backoff");
            return this;
        }

        /** Items waiting at most, beyond which {@link #enqueue} refuses (1,000,000 unless set). */
        public Builder maxPending(long items) {
            if (items < 1) {
                throw new IllegalArgumentException("maxPending must be at least 1, was " + items);
            }
            this.maxPending = items;
            return this;
        }

        /** The pause of a started worker when nothing is ready (1 s unless set). */
        public Builder pollInterval(Duration pause) {
            this.pollInterval = positive(pause, "pollInterval");
            return this;
        }

        /** How long {@link #close} waits for the batch being sent (30 s unless set). */
        public Builder stopTimeout(Duration wait) {
            this.stopTimeout = positive(wait, "stopTimeout");
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "clock cannot be null");
            return this;
        }

        public Builder sleeper(Sleeper pause) {
            this.sleeper = Objects.requireNonNull(pause, "sleeper cannot be null");
            return this;
        }

        /**
         * Every enqueued purge is sent again this long after it (none unless set): for an origin that replicates
         * slowly. {@link PurgeOutbox#enqueue(PurgeRequest, Instant, Duration)} sets it per purge.
         */
        public Builder repeatAfter(Duration again) {
            Objects.requireNonNull(again, "repeatAfter cannot be null");
            if (again.isNegative()) {
                throw new IllegalArgumentException("repeatAfter cannot be negative, was " + again);
            }
            this.repeatAfter = again;
            return this;
        }

        /**
         * Lets a batch's URLs that share a directory, {@code minUrls} of them or more, be purged as one prefix of that
         * directory (off unless set): fewer calls and fewer billed paths, but the directory's other objects are
         * purged too, which is why it must be asked for. Only when every client can purge prefixes (else off, with a
         * warning); never for URLs with cache-key headers, nor for the root of a host.
         */
        public Builder coalescePrefixes(int minUrls) {
            this.coalescePrefixes = positive(minUrls, "coalescePrefixes");
            if (minUrls < 2) {
                throw new IllegalArgumentException("coalescePrefixes must be at least 2 URLs, was " + minUrls);
            }
            return this;
        }

        /**
         * How long finished items (and so their tickets' status) are kept before {@link PurgeOutbox#prune} forgets
         * them (7 days unless set).
         */
        public Builder keepFinishedFor(Duration kept) {
            this.keepFinishedFor = positive(kept, "keepFinishedFor");
            return this;
        }

        /** Told of every item finished: succeeded, retrying or failed. */
        public Builder listener(OutboxListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener cannot be null"));
            return this;
        }

        public PurgeOutbox build() {
            return new PurgeOutbox(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " cannot be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
