package dev.meridian.server.jdbc;

import java.sql.SQLException;
import java.util.Set;
import org.jboss.jca.adapters.jdbc.spi.ExceptionSorter;

/**
 * Tells the connection pool which PostgreSQL failures leave a connection unusable, so that it is destroyed rather
 * than handed out again: every connection exception (SQLSTATE class {@code 08}) and the server ending the session
 * ({@code 25P03} idle-in-transaction timeout, which bounds how long a relay or projection holds its lock;
 * {@code 57P01} admin shutdown or {@code pg_terminate_backend}; {@code 57P02} crash shutdown; {@code 57P03} cannot
 * connect now).
 *
 * <p>The server's own PostgreSQL sorter counts only {@code 08006}. A connection that failed any other way went back
 * to the pool, and every later borrower met "This connection has been closed" ({@code 08003}) until background
 * validation found it; once, after a fast restart under load, a projection met the same closed connection every
 * 5 s for eight minutes. No other SQLSTATE means the connection is gone: a constraint violation, a serialization
 * failure or a statement timeout leave it usable, and destroying it would only cost a new one.
 */
public final class PostgresConnectionExceptionSorter implements ExceptionSorter {

    private static final Set<String> SESSION_ENDED = Set.of("25P03", "57P01", "57P02", "57P03");

    @Override
    public boolean isExceptionFatal(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || SESSION_ENDED.contains(state));
    }
}
