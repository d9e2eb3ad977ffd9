package io.cdnpurge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * How a client runs, apart from its configuration: the clock and sleeper it waits with, the listeners it tells,
 * and the random source of its retry jitter. Tests pass a fake clock and a sleeper that advances it, so no test
 * ever sleeps. Immutable and thread-safe; the {@link Builder} is not.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder().clock(fakeClock).sleeper(fakeClock::advance).build();
 * PurgeClient cdn = CdnPurge.client("cloudflare", config, options);
 * }</pre>
 */
public final class ClientOptions {
    private static final ClientOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final Sleeper sleeper;
    private final List<PurgeListener> listeners;
    private final Random random;
    private final SharedRateBudget sharedRateBudget;

    private ClientOptions(Builder builder) {
        this.clock = builder.clock;
        this.sharedRateBudget = builder.sharedRateBudget;
        this.sleeper = builder.sleeper;
        this.random = builder.random;
        List<PurgeListener> all = new ArrayList<>();
        if (builder.logging) {
            all.add(new Slf4jPurgeListener());
        }
        all.addAll(builder.listeners);
        this.listeners = List.copyOf(all);
    }

    /** The system UTC clock, {@link Sleeper#system()}, SLF4J logging, no other listener. */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** The listeners in the order they are called, the SLF4J one first unless logging was turned off. */
    public List<PurgeListener> listeners() {
        return listeners;
    }

    /** The random source for retry jitter. */
    public Random random() {
        return random;
    }

    /** The rate budget shared with the account's other clients, if one was set. */
    public java.util.Optional<SharedRateBudget> sharedRateBudget() {
        return java.util.Optional.ofNullable(sharedRateBudget);
    }

    /** Builds {@link ClientOptions}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private final List<PurgeListener> listeners = new ArrayList<>();
        private boolean logging = true;
        private Random random = new Random();
        private SharedRateBudget sharedRateBudget;

        private Builder() {
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock cannot be null");
            return this;
        }

        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper cannot be null");
            return this;
        }

        /** Adds a listener after the default SLF4J one. */
        public Builder listener(PurgeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener cannot be null"));
            return this;
        }

        /** Whether to log through SLF4J (on by default). */
        public Builder logging(boolean enabled) {
            this.logging = enabled;
            return this;
        }

        /** The random source for retry jitter; pass a seeded one for repeatable tests. */
        public Builder random(Random newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random cannot be null");
            return this;
        }

        /**
         * A rate budget the client shares with every other client of the same vendor account, in this process and
         * others (a cluster): each request takes its permits from the client's own limits, then from the budget of
         * the account named {@code <p>.rateLimit.account} (the client's name unless set).
         */
        public Builder sharedRateBudget(SharedRateBudget budget) {
            this.sharedRateBudget = Objects.requireNonNull(budget, "budget cannot be null");
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
