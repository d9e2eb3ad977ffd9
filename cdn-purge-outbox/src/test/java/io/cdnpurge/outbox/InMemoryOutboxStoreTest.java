package io.cdnpurge.outbox;

/** The outbox in memory: the same contract as the databases, for tests and one process without a database. */
class InMemoryOutboxStoreTest extends OutboxStoreContract {
    @Override
    OutboxStore newStore() {
        return new InMemoryOutboxStore();
    }
}
