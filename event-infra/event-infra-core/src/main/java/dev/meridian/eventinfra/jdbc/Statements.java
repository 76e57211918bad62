package dev.meridian.eventinfra.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs one statement on a connection of the caller's transaction (the server hands out the enlisted one). */
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
        try (Connection db = dataSource.getConnection(); PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }
}
