package dev.meridian.eventinfra.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Runs one statement on a connection of the caller's transaction (the server hands out the enlisted one), or on a
 * connection the caller holds.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Statements {

    private Statements() {
    }

    /**
     * Runs {@code statement} with {@code values} bound in order.
     *
     * @param purpose what the statement is for, completing "Cannot ..." in the failure's message
     * @return the number of rows it changed
     */
    public static int update(DataSource dataSource, String purpose, String statement, Object... values) {
        try (Connection db = dataSource.getConnection()) {
            return update(db, purpose, statement, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }

    /** {@link #update(DataSource, String, String, Object...)} on a connection the caller holds. */
    public static int update(Connection db, String purpose, String statement, Object... values) {
        try (PreparedStatement update = db.prepareStatement(statement)) {
            bind(update, values);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }

    /** Reads one value from a row of a query's result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs the query {@code statement} with {@code values} bound in order.
     *
     * @param purpose what the query is for, completing "Cannot ..." in the failure's message
     * @return each row as {@code reader} reads it, in the query's order
     */
    public static <T> List<T> query(DataSource dataSource, String purpose, String statement, RowReader<T> reader,
                                    Object... values) {
        try (Connection db = dataSource.getConnection()) {
            return query(db, purpose, statement, reader, values);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }

    /** {@link #query(DataSource, String, String, RowReader, Object...)} on a connection the caller holds. */
    public static <T> List<T> query(Connection db, String purpose, String statement, RowReader<T> reader,
                                    Object... values) {
        try (PreparedStatement query = db.prepareStatement(statement)) {
            bind(query, values);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
