package io.cdnpurge.outbox;

import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outbox in a database, through JDBC: one table, created on first use, that every instance of an application
 * shares; in PostgreSQL for a cluster ({@link #postgres}), or in SQLite for the instances on one machine
 * ({@link #file}, the embedded default, or {@link #sqlite} over a data source of your own). A claim is one statement:
 * the ready rows are chosen in a materialized CTE (so that the planner cannot take more rows than asked) and given a
 * lease in the same {@code UPDATE … RETURNING}; a row whose lease ran out is ready again. Two workers never take one
 * row: PostgreSQL's claim locks the rows it chooses with {@code FOR UPDATE SKIP LOCKED}, and SQLite's runs in a write
 * transaction, one writer after the other. Finishing is fenced by the worker's name, so a worker whose lease ran out
 * cannot overwrite the one that took its items over
 * (<a href="https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE">PostgreSQL: the locking
 * clause</a>, <a href="https://www.sqlite.org/lang_transaction.html">SQLite: transactions</a>). Times are the
 * workers' clocks, passed in: keep them synchronised (NTP), well within the lease.
 */
public final class JdbcOutboxStore implements OutboxStore {
    /** The table, unless another is named. */
    public static final String DEFAULT_TABLE = "cdn_purge_outbox";

    /**
     * How long a write to a {@link #file} store waits for another writer of the same file (another worker's claim,
     * an enqueue) before it fails: SQLite lets one writer at a time. The store's writes are short (a claim of 1,000
     * items, or an enqueue of 10,000 targets, takes well under a second), so a wait this long means a stuck writer or
     * an enqueue of very many targets at once; a worker whose claim waited too long tries again at its next poll.
     */
    public static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String table;
    /** The table, and the file it is in for a file store: for messages. */
    private final String name;

    private JdbcOutboxStore(DataSource dataSource, SqlDialect dialect, String table, String name) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = table;
        this.name = name;
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
        return create(dataSource, SqlDialect.POSTGRESQL, table, table);
    }

    /**
     * The embedded default: a store in the SQLite file at {@code path}, created with its table if absent, for the
     * instances of an application on one machine (keep the file on a local disk: SQLite's locks and write-ahead log
     * do not work on a network share). Each call opens a connection with foreign keys on (a row's ticket links go
     * with it), write-ahead logging (readers never wait for the writer), {@code synchronous=FULL} (an enqueue that
     * returned survives a power loss) and a {@code busy_timeout} of {@link #SQLITE_BUSY_TIMEOUT}
     * (<a href="https://www.sqlite.org/pragma.html">SQLite: pragmas</a>,
     * <a href="https://www.sqlite.org/wal.html">SQLite: write-ahead logging</a>).
     *
     * @throws IllegalStateException when the file cannot be opened or created, naming it
     */
    public static JdbcOutboxStore file(Path path) {
        Objects.requireNonNull(path, "path cannot be null");
        Path file = path.toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        try {
            dataSource.getConnection().close();   // opening runs the pragmas: a file that cannot be opened fails here
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the outbox file " + file + " (" + e.getMessage() + "): "
                    + "name a SQLite file this process can create or write, in a folder that exists", e);
        }
        return create(dataSource, SqlDialect.SQLITE, DEFAULT_TABLE, DEFAULT_TABLE + " in " + file);
    }

    /** A store in {@link #DEFAULT_TABLE} of a SQLite database, created if absent. */
    public static JdbcOutboxStore sqlite(DataSource dataSource) {
        return sqlite(dataSource, DEFAULT_TABLE);
    }

    /**
     * A store in this table (a SQL identifier, no schema) of a SQLite database, created with its indexes if absent.
     * The data source's connections must have foreign keys on ({@code SQLiteConfig.enforceForeignKeys(true)}), and
     * should have a {@code busy_timeout} (sqlite-jdbc's default is 3 s) and write-ahead logging, as
     * {@link #file} sets them; the store starts its own transactions, whatever their transaction mode.
     *
     * @throws IllegalArgumentException when the name is not a plain identifier
     * @throws IllegalStateException    when the database cannot be reached, the table not created, or the
     *                                  connections have foreign keys off
     */
    public static JdbcOutboxStore sqlite(DataSource dataSource, String table) {
        return create(dataSource, SqlDialect.SQLITE, table, table);
    }

    private static JdbcOutboxStore create(DataSource dataSource, SqlDialect dialect, String table, String name) {
        Objects.requireNonNull(dataSource, "dataSource cannot be null");
        Objects.requireNonNull(table, "table cannot be null");
        dialect.checkTable(table);
        JdbcOutboxStore store = new JdbcOutboxStore(dataSource, dialect, table, name);
        store.createTable();
        return store;
    }

    /** The schema this version of the store reads and writes: the number of {@link #migrations} it has. */
    static final int SCHEMA_VERSION = 1;

    /**
     * Creates the table, or brings it to {@link #SCHEMA_VERSION}: the steps not yet applied, in one transaction that
     * one instance at a time runs (instances starting together wait for each other), recorded in
     * {@code <table>_schema}. A table of a newer version is refused: this store would not know its columns.
     */
    private void createTable() {
        try (Connection connection = dataSource.getConnection()) {
            dialect.check(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the outbox table " + name + ": " + e.getMessage(), e);
        }
        try {
            inTransaction(true, connection -> {
                dialect.serialize(connection, table);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + table + "_schema (version INTEGER NOT NULL)");
                }
                int version = 0;
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT max(version) FROM " + table + "_schema")) {
                    if (rows.next()) {
                        version = rows.getInt(1);
                    }
                }
                if (version > SCHEMA_VERSION) {
                    throw new IllegalStateException("the outbox table " + name + " has schema version " + version
                            + ", made by a newer cdn-purge-outbox; this one knows versions up to " + SCHEMA_VERSION
                            + ": run the newer version here too, or name another table");
                }
                List<String> steps = migrations();
                for (int step = version; step < SCHEMA_VERSION; step++) {
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : steps.get(step).split(";\n")) {
                            statement.execute(sql);
                        }
                    }
                }
                if (version < SCHEMA_VERSION) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DELETE FROM " + table + "_schema");
                        statement.execute("INSERT INTO " + table + "_schema (version) VALUES (" + SCHEMA_VERSION
                                + ")");
                    }
                }
                return null;
            });
        } catch (IllegalStateException e) {
            throw e.getMessage().startsWith("the outbox table") ? e
                    : new IllegalStateException("cannot create the outbox table " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema's steps, one per version, each a few statements separated by {@code ";\n"}; a new version adds a
     * step (an {@code ALTER TABLE}, an index) and never changes an old one.
     */
    private List<String> migrations() {
        String index = table.replace('.', '_');
        String time = dialect.time;
        String version1 = "CREATE TABLE IF NOT EXISTS " + table + " ("
                + "id " + dialect.id + ", "
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
                + "not_before " + time + " NOT NULL, "
                + "claimed_by VARCHAR(128), "
                + "lease_until " + time + ", "
                + "created_at " + time + " NOT NULL, "
                + "updated_at " + time + " NOT NULL);\n"
                + "CREATE INDEX IF NOT EXISTS " + index + "_ready ON " + table + " (state, not_before, id);\n"
                // one queued row per target and request kind: an enqueue of a queued target joins it
                + "CREATE UNIQUE INDEX IF NOT EXISTS " + index + "_queued ON " + table
                + " (dedupe_key) WHERE state = 'QUEUED';\n"
                // finished rows, found by age when they are pruned
                + "CREATE INDEX IF NOT EXISTS " + index + "_finished ON " + table + " (updated_at) WHERE state IN "
                + "('SUCCEEDED', 'FAILED');\n"
                // the tickets a row serves: its own, and those of the enqueues it absorbed
                + "CREATE TABLE IF NOT EXISTS " + table + "_tickets (ticket VARCHAR(64) NOT NULL, "
                + "item_id BIGINT NOT NULL REFERENCES " + table + " (id) ON DELETE CASCADE, "
                + "PRIMARY KEY (ticket, item_id));\n"
                + "CREATE INDEX IF NOT EXISTS " + index + "_tickets_item ON " + table + "_tickets (item_id)";
        return List.of(version1);
    }

    @Override
    public int prune(Instant finishedBefore) {
        // in chunks, one transaction each, so that no writer waits long for a large prune
        int pruned = 0;
        while (true) {
            int chunk = inTransaction(true, connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id IN ("
                        + "SELECT id FROM " + table + " WHERE state IN ('SUCCEEDED', 'FAILED') AND updated_at < ? "
                        + "LIMIT " + PRUNE_CHUNK + ")")) {
                    dialect.bind(delete, 1, finishedBefore);
                    return delete.executeUpdate();
                }
            });
            pruned += chunk;
            if (chunk < PRUNE_CHUNK) {
                return pruned;
            }
        }
    }

    /** Rows deleted by one transaction of a prune. */
    private static final int PRUNE_CHUNK = 10_000;

    /** Rows inserted by one statement. */
    private static final int ROWS_PER_INSERT = 500;

    @Override
    public void add(List<OutboxItem> items, boolean everythingSupersedes, Instant at) {
        if (items.isEmpty()) {
            return;
        }
        String ticket = items.get(0).ticket();
        inTransaction(true, connection -> {
            // the items due at one time apiece (a purge, and its repeat): each time is covered, or not, on its own
            for (List<OutboxItem> due : Items.byTime(items)) {
                List<OutboxItem> rows = new ArrayList<>(due);
                List<Long> ids = new ArrayList<>(due.size());
                OutboxItem everything = Items.everything(due);
                if (everythingSupersedes && everything == null) {
                    // a queued purge of everything of the same kind, sent neither earlier nor later, covers these
                    long covering = queuedEverything(connection, due.get(0), at);
                    if (covering >= 0) {
                        ids.add(covering);
                        rows.clear();
                    }
                }
                for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                    ids.addAll(insert(connection, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT)),
                            at));
                }
                try (PreparedStatement links = connection.prepareStatement("INSERT INTO " + table + "_tickets ("
                        + "ticket, item_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    for (long id : ids) {
                        links.setString(1, ticket);
                        links.setLong(2, id);
                        links.addBatch();
                    }
                    links.executeBatch();
                }
                if (everythingSupersedes && everything != null) {
                    supersede(connection, queuedEverything(connection, everything, at), everything, at);
                }
            }
            return null;
        });
    }

    /** Inserts queued rows, or joins the queued row of the same target; the rows' ids, in no particular order. */
    private List<Long> insert(Connection connection, List<OutboxItem> rows, Instant at) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" AS o (ticket, dedupe_key, kind, "
                + "target, headers, mode, action, tenant, state, attempts, not_before, created_at, updated_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT (dedupe_key) WHERE state = 'QUEUED' DO UPDATE SET not_before = ")
                .append(dialect.least).append("(o.not_before, EXCLUDED.not_before), updated_at = EXCLUDED.updated_at "
                        + "RETURNING id");
        List<Long> ids = new ArrayList<>(rows.size());
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int column = 1;
            for (OutboxItem item : rows) {
                insert.setString(column++, item.ticket());
                insert.setString(column++, dedupeKey(item, at));
                insert.setString(column++, item.target().kind().name());
                insert.setString(column++, item.target().value());
                insert.setString(column++, headers(item.target().headers()));
                insert.setString(column++, item.mode().map(Enum::name).orElse(null));
                insert.setString(column++, item.action().name());
                insert.setString(column++, item.tenant().orElse(null));
                dialect.bind(insert, column++, item.notBefore());
                dialect.bind(insert, column++, at);
                dialect.bind(insert, column++, at);
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
            dialect.bind(select, 4, due ? now : item.notBefore());
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
        Instant when = due ? now : item.notBefore();
        // the covered rows are locked first (PostgreSQL waits here for an enqueue that is joining one of them to
        // commit); their links are then read by later statements, which see that enqueue's ticket too
        List<Long> covered = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT o.id FROM " + table + " AS o WHERE " + same
                + (dialect.lock.isEmpty() ? "" : " FOR UPDATE"))) {
            bindSame(select, 1, everything, item);
            dialect.bind(select, 5, when);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    covered.add(rows.getLong(1));
                }
            }
        }
        if (covered.isEmpty()) {
            return;
        }
        try (PreparedStatement move = connection.prepareStatement("INSERT INTO " + table + "_tickets (ticket, "
                + "item_id) SELECT ticket, ? FROM " + table + "_tickets WHERE item_id = ? ON CONFLICT DO NOTHING");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ? AND "
                     + "state = 'QUEUED'")) {
            for (long id : covered) {
                move.setLong(1, everything);
                move.setLong(2, id);
                move.addBatch();
                delete.setLong(1, id);
                delete.addBatch();
            }
            move.executeBatch();
            delete.executeBatch();
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
    static String dedupeKey(OutboxItem item, Instant now) {
        String key = item.target().kind() + "\n" + item.target().value() + "\n" + headers(item.target().headers())
                + "\n" + item.mode().map(Enum::name).orElse("") + "\n" + item.action() + "\n"
                + item.tenant().orElse("") + (item.notBefore().isAfter(now) ? "\n@" + item.notBefore() : "");
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    @Override
    public List<OutboxItem> claim(String worker, int max, Instant now, Duration lease) {
        String sql = "WITH picked AS MATERIALIZED (SELECT id FROM " + table
                + " WHERE (state IN ('QUEUED', 'RETRYING') AND not_before <= ?) OR (state = 'IN_FLIGHT' AND "
                + "lease_until <= ?) ORDER BY id LIMIT ?" + dialect.lock + ") "
                // a row taken over from a holder whose lease ran out counts that lost attempt (so a batch that always
                // outlives its lease ends after maxAttempts); a row handed back (no holder) does not
                + "UPDATE " + table + " SET attempts = CASE WHEN state = 'IN_FLIGHT' AND claimed_by IS NOT NULL THEN "
                + "attempts + 1 ELSE attempts END, state = 'IN_FLIGHT', claimed_by = ?, lease_until = ?, "
                + "updated_at = ? WHERE id IN (SELECT id FROM picked) RETURNING " + itemColumns("");
        return inTransaction(true, connection -> {
            List<OutboxItem> claimed = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                dialect.bind(update, 1, now);
                dialect.bind(update, 2, now);
                update.setInt(3, max);
                update.setString(4, worker);
                dialect.bind(update, 5, now.plus(lease));
                dialect.bind(update, 6, now);
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
    public List<OutboxItem> finish(String worker, List<OutboxItem> finished, Instant now) {
        if (finished.isEmpty()) {
            return List.of();
        }
        String sql = "UPDATE " + table + " SET state = ?, attempts = ?, last_error = ?, vendor_reference = ?, "
                + "not_before = ?, claimed_by = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE id = ? AND claimed_by = ? AND state = 'IN_FLIGHT'";
        return inTransaction(true, connection -> {
            List<OutboxItem> recorded = new ArrayList<>(finished.size());
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (OutboxItem item : finished) {
                    update.setString(1, item.state().name());
                    update.setInt(2, item.attempts());
                    update.setString(3, item.lastError().orElse(null));
                    update.setString(4, item.vendorReference().orElse(null));
                    dialect.bind(update, 5, item.notBefore());
                    dialect.bind(update, 6, now);
                    update.setLong(7, item.id());
                    update.setString(8, worker);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // SUCCESS_NO_INFO (-2): the driver does not say; the row was updated or the batch would fail
                    if (counts[i] != 0) {
                        recorded.add(finished.get(i));
                    }
                }
            }
            return recorded;
        });
    }

    @Override
    public int release(String worker, Instant now) {
        return inTransaction(true, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET claimed_by = NULL, "
                    + "lease_until = ?, updated_at = ? WHERE state = 'IN_FLIGHT' AND (claimed_by = ? OR "
                    + "substr(claimed_by, 1, ?) = ?)")) {
                dialect.bind(update, 1, now);
                dialect.bind(update, 2, now);
                update.setString(3, worker);
                update.setInt(4, worker.length() + 1);
                update.setString(5, worker + "/");
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Map<OutboxState, Long> count(String ticket) {
        return inTransaction(false, connection -> {
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
        return inTransaction(false, connection -> {
            List<OutboxItem> failed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + itemColumns("o.") + " FROM " + table
                    + " o JOIN " + table + "_tickets k ON k.item_id = o.id "
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
        return inTransaction(false, connection -> {
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT count(*) FROM " + table
                         + " WHERE state IN ('QUEUED', 'RETRYING', 'IN_FLIGHT')")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The columns an {@link OutboxItem} is read from, each after {@code alias}. */
    private static String itemColumns(String alias) {
        StringBuilder columns = new StringBuilder();
        for (String column : List.of("id", "ticket", "kind", "target", "headers", "mode", "action", "tenant",
                "attempts", "last_error", "vendor_reference", "not_before")) {
            columns.append(columns.length() == 0 ? "" : ", ").append(alias).append(column);
        }
        return columns.toString();
    }

    private OutboxItem item(ResultSet rows, OutboxState state) throws SQLException {
        PurgeTarget.Kind kind = PurgeTarget.Kind.valueOf(rows.getString("kind"));
        String value = rows.getString("target");
        Map<String, String> headers = headers(rows.getString("headers"));
        PurgeTarget target = kind == PurgeTarget.Kind.URL && !headers.isEmpty() ? PurgeTarget.url(value, headers)
                : PurgeTarget.of(kind, value);
        String mode = rows.getString("mode");
        return new OutboxItem(rows.getLong("id"), rows.getString("ticket"), target,
                mode == null ? null : PurgeMode.valueOf(mode), PurgeAction.valueOf(rows.getString("action")),
                rows.getString("tenant"), state, rows.getInt("attempts"), rows.getString("last_error"),
                rows.getString("vendor_reference"), dialect.instant(rows, "not_before"));
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

    /** Runs work in a transaction, one that writes when {@code write} (on SQLite, it waits for the write lock). */
    private <T> T inTransaction(boolean write, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            Throwable failure = null;
            try {
                dialect.begin(connection, write);
                T result = work.run(connection);
                dialect.commit(connection);
                return result;
            } catch (Throwable e) {
                // whatever it was (an Error too), nothing of the transaction is kept, and no transaction stays open
                failure = e;
                try {
                    dialect.rollback(connection);
                } catch (SQLException | RuntimeException failed) {
                    e.addSuppressed(failed);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox table " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcOutboxStore{" + name + "}";
    }
}
