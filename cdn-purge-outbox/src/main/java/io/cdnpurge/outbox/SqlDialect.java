package io.cdnpurge.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * What differs between the databases {@link JdbcOutboxStore} runs on; the rest of its SQL is the same on both: a
 * partial unique index, {@code INSERT … ON CONFLICT … DO UPDATE}, {@code RETURNING}, a materialized CTE,
 * {@code IS NOT DISTINCT FROM} (SQLite since 3.39), {@code DELETE FROM t AS o}.
 */
enum SqlDialect {
    /**
     * PostgreSQL: two workers never take one row because the claim locks the ready rows with
     * {@code FOR UPDATE SKIP LOCKED}; times are {@code TIMESTAMPTZ}.
     */
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ", "LEAST", " FOR UPDATE SKIP LOCKED",
            "[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?", "optionally schema.table") {
        @Override
        void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setTimestamp(index, Timestamp.from(instant));
        }

        @Override
        Instant instant(ResultSet rows, String column) throws SQLException {
            return rows.getTimestamp(column).toInstant();
        }

        @Override
        void begin(Connection connection, boolean write) throws SQLException {
            connection.setAutoCommit(false);
        }

        /** A transaction-scoped advisory lock on the table's name: released at commit or rollback. */
        @Override
        void serialize(Connection connection, String table) throws SQLException {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, 0x63646e7075726765L ^ table.hashCode());   // "cdnpurge", and the table
                lock.execute();
            }
        }

        @Override
        void commit(Connection connection) throws SQLException {
            connection.commit();
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            connection.rollback();
        }
    },

    /**
     * SQLite: one writer at a time for the whole file, so a transaction that writes starts with
     * {@code BEGIN IMMEDIATE}, taking the write lock before it reads: two claims run one after the other, and an
     * enqueue never reads a state that another writer changes before it writes (a deferred transaction would fail
     * with {@code SQLITE_BUSY} instead of waiting). The store issues these statements itself, whatever transaction
     * mode the connections were configured with, so the wait is the connection's {@code busy_timeout}. Times are
     * {@code INTEGER} microseconds since the epoch, bound and read by the store (not through
     * {@code setTimestamp}, whose storage depends on the connection's {@code date_class}): exact comparisons, and
     * the same resolution as PostgreSQL's {@code TIMESTAMPTZ}
     * (<a href="https://www.sqlite.org/lang_transaction.html">SQLite: transactions</a>,
     * <a href="https://www.sqlite.org/datatype3.html">SQLite: datatypes</a>).
     */
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "MIN", "", "[A-Za-z_][A-Za-z0-9_]{0,62}", "no schema") {
        @Override
        void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
            statement.setLong(index, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS),
                    instant.getNano() / 1_000));
        }

        @Override
        Instant instant(ResultSet rows, String column) throws SQLException {
            long micros = rows.getLong(column);
            return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS), Math.floorMod(micros, MICROS) * 1_000);
        }

        @Override
        void begin(Connection connection, boolean write) throws SQLException {
            // the driver's own transactions stay off: it would begin the next one as soon as this one ends
            connection.setAutoCommit(true);
            execute(connection, write ? "BEGIN IMMEDIATE" : "BEGIN");
        }

        @Override
        void commit(Connection connection) throws SQLException {
            execute(connection, "COMMIT");
        }

        @Override
        void rollback(Connection connection) throws SQLException {
            execute(connection, "ROLLBACK");
        }

        @Override
        void check(Connection connection, String table) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet pragma = statement.executeQuery("PRAGMA foreign_keys")) {
                if (!pragma.next() || pragma.getInt(1) != 1) {
                    throw new IllegalStateException("the outbox table " + table + " needs SQLite's foreign keys on "
                            + "(its ticket links go with their rows): open the connections with "
                            + "SQLiteConfig.enforceForeignKeys(true), or foreign_keys=on in the JDBC URL");
                }
            }
        }
    };

    private static final long MICROS = 1_000_000L;

    /** The type of the id column, numbered by the database in the order rows are added. */
    final String id;
    /** The type of the time columns. */
    final String time;
    /** The function that takes the smaller of two values. */
    final String least;
    /** What the claim's choice of ready rows ends with, to take each row once when workers claim at once. */
    final String lock;
    private final String tablePattern;
    private final String tableRule;

    SqlDialect(String id, String time, String least, String lock, String tablePattern, String tableRule) {
        this.id = id;
        this.time = time;
        this.least = least;
        this.lock = lock;
        this.tablePattern = tablePattern;
        this.tableRule = tableRule;
    }

    /** Refuses a table name that is not a plain identifier here, so no name can change a statement. */
    void checkTable(String table) {
        if (!table.matches(tablePattern)) {
            throw new IllegalArgumentException("outbox table '" + table + "' is not a plain SQL identifier "
                    + "(letters, digits, _; " + tableRule + ")");
        }
    }

    abstract void bind(PreparedStatement statement, int index, Instant instant) throws SQLException;

    abstract Instant instant(ResultSet rows, String column) throws SQLException;

    /**
     * Makes this transaction the only one of its kind on the table until it ends (instances migrating the schema at
     * once); SQLite's write transactions are that already.
     */
    void serialize(Connection connection, String table) throws SQLException {
    }

    /** Starts a transaction, one that will write when {@code write}. */
    abstract void begin(Connection connection, boolean write) throws SQLException;

    abstract void commit(Connection connection) throws SQLException;

    abstract void rollback(Connection connection) throws SQLException;

    /**
     * Checks what the store needs of the connections it is given, once, when it is created.
     *
     * @throws IllegalStateException naming what to change
     */
    void check(Connection connection, String table) throws SQLException {
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
