package io.cdnpurge.outbox;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.testing.RecordingPurgeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox in a SQLite file, the embedded default, in a folder of its own per test. */
class SqliteFileOutboxStoreTest extends OutboxStoreContract {
    @TempDir
    Path folder;

    @Override
    OutboxStore newStore() {
        return JdbcOutboxStore.file(folder.resolve("outbox.db"));
    }

    @Test
    void whatWasQueuedSurvivesClosingTheStoreAndIsDrainedByTheNextOne() {
        RecordingPurgeClient vendor = vendor();
        PurgeOutbox before = outbox(vendor, "before").build();
        String ticket = before.enqueue(urls(300, "kept"));
        String later = before.enqueue(urls(5, "later"), clock.instant().plusSeconds(60));
        before.close();   // the application stops before any was claimed
        assertThat(folder.resolve("outbox.db-wal")).as("no connection left open: the log is in the file")
                .doesNotExist();

        JdbcOutboxStore reopened = JdbcOutboxStore.file(folder.resolve("outbox.db"));
        assertThat(reopened.pending()).isEqualTo(305);
        PurgeOutbox after = PurgeOutbox.builder(vendor, reopened).worker("after").clock(clock)
                .sleeper(clock.sleeper()).build();
        assertThat(after.drainOnce()).isEqualTo(300);
        clock.advance(Duration.ofSeconds(60));
        assertThat(after.drainOnce()).isEqualTo(5);

        assertThat(after.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(300);
        assertThat(after.status(later).done()).isTrue();
        assertThat(accepted(vendor)).hasSize(305);
    }

    @Test
    void aFileThatCannotBeOpenedIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> JdbcOutboxStore.file(folder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the outbox file " + folder.toAbsolutePath())
                .hasMessageContaining("name a SQLite file this process can create or write, in a folder that exists");
        Path missing = folder.resolve("no-such-folder").resolve("outbox.db");
        assertThatThrownBy(() -> JdbcOutboxStore.file(missing))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aDataSourceOfYourOwnNeedsForeignKeysOnAndAPlainTableName() {
        SQLiteDataSource plain = new SQLiteDataSource();
        plain.setUrl("jdbc:sqlite:" + folder.resolve("own.db"));
        assertThatThrownBy(() -> JdbcOutboxStore.sqlite(plain))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs SQLite's foreign keys on")
                .hasMessageContaining("SQLiteConfig.enforceForeignKeys(true)");

        plain.setEnforceForeignKeys(true);
        JdbcOutboxStore own = JdbcOutboxStore.sqlite(plain, "purges");
        PurgeOutbox outbox = PurgeOutbox.builder(vendor(), own).worker("a").clock(clock).sleeper(clock.sleeper())
                .build();
        String ticket = outbox.enqueue(PurgeRequest.builder().url("https://www.example.com/own").build());
        assertThat(outbox.drainOnce()).isEqualTo(1);
        assertThat(outbox.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(1);
        assertThat(own).hasToString("JdbcOutboxStore{purges}");
        assertThatThrownBy(() -> JdbcOutboxStore.sqlite(plain, "main.purges"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
    }
}
