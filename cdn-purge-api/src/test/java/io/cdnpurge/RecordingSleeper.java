package io.cdnpurge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that never sleeps: it records each requested wait and advances a {@link FakeClock} by it. */
public final class RecordingSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    /** Every wait requested, in order. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
