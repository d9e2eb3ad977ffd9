package io.cdnpurge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A store that hands every call to another, for tests that watch or disturb one call. */
class ForwardingOutboxStore implements OutboxStore {
    private final OutboxStore delegate;

    ForwardingOutboxStore(OutboxStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void add(List<OutboxItem> items, boolean everythingSupersedes, Instant now) {
        delegate.add(items, everythingSupersedes, now);
    }

    @Override
    public List<OutboxItem> claim(String worker, int max, Instant now, Duration lease) {
        return delegate.claim(worker, max, now, lease);
    }

    @Override
    public List<OutboxItem> finish(String worker, List<OutboxItem> finished, Instant now) {
        return delegate.finish(worker, finished, now);
    }

    @Override
    public int release(String worker, Instant now) {
        return delegate.release(worker, now);
    }

    @Override
    public Map<OutboxState, Long> count(String ticket) {
        return delegate.count(ticket);
    }

    @Override
    public List<OutboxItem> failures(String ticket, int max) {
        return delegate.failures(ticket, max);
    }

    @Override
    public long pending() {
        return delegate.pending();
    }

    @Override
    public int prune(Instant finishedBefore) {
        return delegate.prune(finishedBefore);
    }
}
