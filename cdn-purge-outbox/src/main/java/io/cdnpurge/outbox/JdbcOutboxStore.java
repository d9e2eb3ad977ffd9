package io.cdnpurge.outbox;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outbox in PostgreSQL, through JDBC: one table, created on first use, that every instance of an application
 * shares. A claim is one statement: the ready rows are locked with {@code FOR UPDATE SKIP LOCKED} in a materialized
 * CTE (so that two workers never take one row, and the planner cannot take more rows than asked) and given a lease in
 * the same {@code UPDATE … RETURNING}; a row whose lease ran out is ready again. Finishing is fenced by the worker's
 * name, so a worker whose lease ran out cannot overwrite the one that took its items over
 * (<a href="https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE">PostgreSQL: the locking
 * clause</a>). Times are the workers' clocks, passed in: keep them synchronised (NTP), well within the lease.
 */
public final class JdbcOutboxStore implements OutboxStore {
    /** The table, unless another is named. */
    public static final String DEFAULT_TABLE = "cdn_purge_outbox";

    private final DataSource dataSource;
    private final String table;

    private JdbcOutboxStore(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /** A store in {@link #DEFAULT_TABLE}, created if absent. */
    public static JdbcOutboxStore postgres(DataSource dataSource) {
        return postgres(dataSource, DEFAULT_TABLE);
    }

    /**
     * A store in this table (a SQL identifier, optionally schema-qualified), created with its indexes if absent.
     *
     * @throws IllegalArgumentException when the name is not a plain identifier
     * @throws IllegalStateException    when the database cannot be reached or the table not created
     */
    public static JdbcOutboxStore postgres(DataSource dataSource, String table) {
        Objects.requireNonNull(dataSource, "dataSource cannot be null");
        Objects.requireNonNull(table, "table cannot be null");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
            throw new IllegalArgumentException("outbox table '" + table + "' is not a plain SQL identifier "
                    + "(letters, digits, _; optionally schema.table)");
        }
        JdbcOutboxStore store = new JdbcOutboxStore(dataSource, table);
        store.createTable();
        return store;
    }

    private void createTable() {
        String index = table.replace('.', '_');
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id BIGSERIAL PRIMARY KEY, "
                    + "ticket VARCHAR(64) NOT NULL, "
                    + "kind VARCHAR(16) NOT NULL, "
                    + "target TEXT NOT NULL, "
                    + "headers TEXT, "
                    + "mode VARCHAR(16), "
                    + "action VARCHAR(16) NOT NULL, "
                    + "tenant VARCHAR(255), "
                    + "state VARCHAR(16) NOT NULL, "
                    + "attempts INTEGER NOT NULL DEFAULT 0, "
                    + "last_error TEXT, "
                    + "vendor_reference TEXT, "
                    + "not_before TIMESTAMPTZ NOT NULL, "
                    + "claimed_by VARCHAR(128), "
                    + "lease_until TIMESTAMPTZ, "
                    + "created_at TIMESTAMPTZ NOT NULL, "
                    + "updated_at TIMESTAMPTZ NOT NULL)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + index + "_ready ON " + table
                    + " (state, not_before, id)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + index + "_ticket ON " + table + " (ticket)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the outbox table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void add(List<OutboxItem> items) {
        if (items.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (ticket, kind, target, headers, mode, action, tenant, state, "
                + "attempts, not_before, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (OutboxItem item : items) {
                    insert.setString(1, item.ticket());
                    insert.setString(2, item.target().kind().name());
                    insert.setString(3, item.target().value());
                    insert.setString(4, headers(item.target().headers()));
                    insert.setString(5, item.mode().map(Enum::name).orElse(null));
                    insert.setString(6, item.action().name());
                    insert.setString(7, item.tenant().orElse(null));
                    insert.setTimestamp(8, Timestamp.from(item.notBefore()));
                    insert.setTimestamp(9, now);
                    insert.setTimestamp(10, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<OutboxItem> claim(String worker, int max, Instant now, Duration lease) {
        String sql = "WITH picked AS MATERIALIZED (SELECT id FROM " + table
                + " WHERE (state IN ('QUEUED', 'RETRYING') AND not_before <= ?) OR (state = 'IN_FLIGHT' AND "
                + "lease_until < ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE " + table + " o SET state = 'IN_FLIGHT', claimed_by = ?, lease_until = ?, updated_at = ? "
                + "FROM picked WHERE o.id = picked.id "
                + "RETURNING o.id, o.ticket, o.kind, o.target, o.headers, o.mode, o.action, o.tenant, o.attempts, "
                + "o.last_error, o.vendor_reference, o.not_before";
        Timestamp at = Timestamp.from(now);
        return inTransaction(connection -> {
            List<OutboxItem> claimed = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setTimestamp(1, at);
                update.setTimestamp(2, at);
                update.setInt(3, max);
                update.setString(4, worker);
                update.setTimestamp(5, Timestamp.from(now.plus(lease)));
                update.setTimestamp(6, at);
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(item(rows, OutboxState.IN_FLIGHT));
                    }
                }
            }
            claimed.sort((a, b) -> Long.compare(a.id(), b.id()));
            return claimed;
        });
    }

    @Override
    public int finish(String worker, List<OutboxItem> finished, Instant now) {
        if (finished.isEmpty()) {
            return 0;
        }
        String sql = "UPDATE " + table + " SET state = ?, attempts = ?, last_error = ?, vendor_reference = ?, "
                + "not_before = ?, claimed_by = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE id = ? AND claimed_by = ? AND state = 'IN_FLIGHT'";
        return inTransaction(connection -> {
            int recorded = 0;
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (OutboxItem item : finished) {
                    update.setString(1, item.state().name());
                    update.setInt(2, item.attempts());
                    update.setString(3, item.lastError().orElse(null));
                    update.setString(4, item.vendorReference().orElse(null));
                    update.setTimestamp(5, Timestamp.from(item.notBefore()));
                    update.setTimestamp(6, Timestamp.from(now));
                    update.setLong(7, item.id());
                    update.setString(8, worker);
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    recorded += Math.max(count, 0);
                }
            }
            return recorded;
        });
    }

    @Override
    public Map<OutboxState, Long> count(String ticket) {
        return inTransaction(connection -> {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            try (PreparedStatement select = connection.prepareStatement("SELECT state, count(*) FROM " + table
                    + " WHERE ticket = ? GROUP BY state")) {
                select.setString(1, ticket);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.put(OutboxState.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<OutboxItem> failures(String ticket, int max) {
        return inTransaction(connection -> {
            List<OutboxItem> failed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, ticket, kind, target, headers, "
                    + "mode, action, tenant, attempts, last_error, vendor_reference, not_before FROM " + table
                    + " WHERE ticket = ? AND state = 'FAILED' ORDER BY id LIMIT ?")) {
                select.setString(1, ticket);
                select.setInt(2, max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        failed.add(item(rows, OutboxState.FAILED));
                    }
                }
            }
            return failed;
        });
    }

    @Override
    public long pending() {
        return inTransaction(connection -> {
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT count(*) FROM " + table
                         + " WHERE state IN ('QUEUED', 'RETRYING', 'IN_FLIGHT')")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static OutboxItem item(ResultSet rows, OutboxState state) throws SQLException {
        PurgeTarget.Kind kind = PurgeTarget.Kind.valueOf(rows.getString("kind"));
        String value = rows.getString("target");
        Map<String, String> headers = headers(rows.getString("headers"));
        PurgeTarget target = kind == PurgeTarget.Kind.URL && !headers.isEmpty() ? PurgeTarget.url(value, headers)
                : PurgeTarget.of(kind, value);
        String mode = rows.getString("mode");
        return new OutboxItem(rows.getLong("id"), rows.getString("ticket"), target,
                mode == null ? null : PurgeMode.valueOf(mode), PurgeAction.valueOf(rows.getString("action")),
                rows.getString("tenant"), state, rows.getInt("attempts"), rows.getString("last_error"),
                rows.getString("vendor_reference"), rows.getTimestamp("not_before").toInstant());
    }

    /** Cache-key headers as {@code name: value} lines (header names and values hold no line breaks). */
    private static String headers(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    private static Map<String, String> headers(String text) {
        Map<String, String> headers = new TreeMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }

    /** A unit of work in one transaction, committed, or rolled back when it throws. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcOutboxStore{" + table + "}";
    }
}
