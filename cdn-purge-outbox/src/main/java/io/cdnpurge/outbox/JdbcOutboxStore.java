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
                    + "dedupe_key CHAR(64) NOT NULL, "
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
            // one queued row per target and request kind: an enqueue of a queued target joins it
            statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + index + "_queued ON " + table
                    + " (dedupe_key) WHERE state = 'QUEUED'");
            // the tickets a row serves: its own, and those of the enqueues it absorbed
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + "_tickets (ticket VARCHAR(64) NOT NULL, "
                    + "item_id BIGINT NOT NULL REFERENCES " + table + " (id) ON DELETE CASCADE, "
                    + "PRIMARY KEY (ticket, item_id))");
            statement.execute("CREATE INDEX IF NOT EXISTS " + index + "_tickets_item ON " + table
                    + "_tickets (item_id)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the outbox table " + table + ": " + e.getMessage(), e);
        }
    }

    /** Rows inserted by one statement. */
    private static final int ROWS_PER_INSERT = 500;

    @Override
    public void add(List<OutboxItem> items, boolean everythingSupersedes, Instant at) {
        if (items.isEmpty()) {
            return;
        }
        String ticket = items.get(0).ticket();
        Timestamp now = Timestamp.from(at);
        inTransaction(connection -> {
            List<OutboxItem> rows = new ArrayList<>(items);
            List<Long> ids = new ArrayList<>(items.size());
            OutboxItem everything = null;
            for (OutboxItem item : items) {
                if (item.target().kind() == PurgeTarget.Kind.EVERYTHING) {
                    everything = item;
                }
            }
            if (everythingSupersedes && everything == null) {
                // a queued purge of everything of the same kind, sent no later, covers these targets too
                long covering = queuedEverything(connection, items.get(0), at);
                if (covering >= 0) {
                    ids.add(covering);
                    rows.clear();
                }
            }
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                ids.addAll(insert(connection, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)),
                        at));
            }
            try (PreparedStatement links = connection.prepareStatement("INSERT INTO " + table + "_tickets (ticket, "
                    + "item_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (long id : ids) {
                    links.setString(1, ticket);
                    links.setLong(2, id);
                    links.addBatch();
                }
                links.executeBatch();
            }
            if (everythingSupersedes && everything != null) {
                long id = queuedEverything(connection, everything, at);
                supersede(connection, id, everything, at);
            }
            return null;
        });
    }

    /** Inserts queued rows, or joins the queued row of the same target; the rows' ids, in no particular order. */
    private List<Long> insert(Connection connection, List<OutboxItem> rows, Instant at) throws SQLException {
        Timestamp now = Timestamp.from(at);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" AS o (ticket, dedupe_key, kind, "
                + "target, headers, mode, action, tenant, state, attempts, not_before, created_at, updated_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT (dedupe_key) WHERE state = 'QUEUED' DO UPDATE SET not_before = "
                + "LEAST(o.not_before, EXCLUDED.not_before), updated_at = EXCLUDED.updated_at RETURNING id");
        List<Long> ids = new ArrayList<>(rows.size());
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int column = 1;
            for (OutboxItem item : rows) {
                insert.setString(column++, item.ticket());
                insert.setString(column++, dedupeKey(item, now.toInstant()));
                insert.setString(column++, item.target().kind().name());
                insert.setString(column++, item.target().value());
                insert.setString(column++, headers(item.target().headers()));
                insert.setString(column++, item.mode().map(Enum::name).orElse(null));
                insert.setString(column++, item.action().name());
                insert.setString(column++, item.tenant().orElse(null));
                insert.setTimestamp(column++, Timestamp.from(item.notBefore()));
                insert.setTimestamp(column++, now);
                insert.setTimestamp(column++, now);
            }
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    ids.add(inserted.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * The queued purge of everything of the item's mode, action and tenant that covers it; -1 if none. A purge
     * covers another when it is sent neither before the other may be nor later than the other would be: both are
     * due already (the queued one goes out at the next claim, after this enqueue), or both are due at the same time.
     */
    private long queuedEverything(Connection connection, OutboxItem item, Instant now) throws SQLException {
        boolean due = !item.notBefore().isAfter(now);
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE state = "
                + "'QUEUED' AND kind = 'EVERYTHING' AND mode IS NOT DISTINCT FROM ? AND action = ? AND tenant IS NOT "
                + "DISTINCT FROM ? AND not_before " + (due ? "<=" : "=") + " ? ORDER BY id LIMIT 1")) {
            select.setString(1, item.mode().map(Enum::name).orElse(null));
            select.setString(2, item.action().name());
            select.setString(3, item.tenant().orElse(null));
            select.setTimestamp(4, Timestamp.from(due ? now : item.notBefore()));
            try (ResultSet found = select.executeQuery()) {
                return found.next() ? found.getLong(1) : -1;
            }
        }
    }

    /**
     * A purge of everything replaces the queued targets of the same mode, action and tenant that it covers (see
     * {@link #queuedEverything}): their tickets move to it and their rows go. Rows in flight or retrying are left to
     * finish.
     */
    private void supersede(Connection connection, long everything, OutboxItem item, Instant now)
            throws SQLException {
        boolean due = !item.notBefore().isAfter(now);
        String same = "o.state = 'QUEUED' AND o.id <> ? AND o.mode IS NOT DISTINCT FROM ? AND o.action = ? "
                + "AND o.tenant IS NOT DISTINCT FROM ? AND o.not_before " + (due ? "<=" : "=") + " ?";
        Timestamp when = Timestamp.from(due ? now : item.notBefore());
        try (PreparedStatement move = connection.prepareStatement("INSERT INTO " + table + "_tickets (ticket, "
                + "item_id) SELECT k.ticket, ? FROM " + table + "_tickets k JOIN " + table + " o ON o.id = k.item_id "
                + "WHERE " + same + " ON CONFLICT DO NOTHING");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " o WHERE " + same)) {
            move.setLong(1, everything);
            bindSame(move, 2, everything, item);
            move.setTimestamp(6, when);
            move.executeUpdate();
            bindSame(delete, 1, everything, item);
            delete.setTimestamp(5, when);
            delete.executeUpdate();
        }
    }

    private static void bindSame(PreparedStatement statement, int first, long everything, OutboxItem item)
            throws SQLException {
        statement.setLong(first, everything);
        statement.setString(first + 1, item.mode().map(Enum::name).orElse(null));
        statement.setString(first + 2, item.action().name());
        statement.setString(first + 3, item.tenant().orElse(null));
    }

    /**
     * What makes two queued items one: the target (with its cache-key headers), the request's kind, and, for an item
     * due later, its time (an item due now must not wait for a later one, nor a later one go early).
     */
    private static String dedupeKey(OutboxItem item, Instant now) {
        String key = item.target().kind() + "\n" + item.target().value() + "\n" + headers(item.target().headers())
                + "\n" + item.mode().map(Enum::name).orElse("") + "\n" + item.action() + "\n"
                + item.tenant().orElse("") + (item.notBefore().isAfter(now) ? "\n@" + item.notBefore() : "");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    @Override
    public List<OutboxItem> claim(String worker, int max, Instant now, Duration lease) {
        String sql = "WITH picked AS MATERIALIZED (SELECT id FROM " + table
                + " WHERE (state IN ('QUEUED', 'RETRYING') AND not_before <= ?) OR (state = 'IN_FLIGHT' AND "
                + "lease_until <= ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
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
    public int release(String worker, Instant now) {
        return inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET claimed_by = NULL, "
                    + "lease_until = ?, updated_at = ? WHERE claimed_by = ? AND state = 'IN_FLIGHT'")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setTimestamp(2, Timestamp.from(now));
                update.setString(3, worker);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Map<OutboxState, Long> count(String ticket) {
        return inTransaction(connection -> {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            try (PreparedStatement select = connection.prepareStatement("SELECT o.state, count(*) FROM " + table
                    + " o JOIN " + table + "_tickets k ON k.item_id = o.id WHERE k.ticket = ? GROUP BY o.state")) {
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
            try (PreparedStatement select = connection.prepareStatement("SELECT o.id, o.ticket, o.kind, o.target, "
                    + "o.headers, o.mode, o.action, o.tenant, o.attempts, o.last_error, o.vendor_reference, "
                    + "o.not_before FROM " + table + " o JOIN " + table + "_tickets k ON k.item_id = o.id "
                    + "WHERE k.ticket = ? AND o.state = 'FAILED' ORDER BY o.id LIMIT ?")) {
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
