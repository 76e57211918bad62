package dev.meridian.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches every column of every table in every schema of the test database for a text, as someone who got hold
 * of a copy of the database would: nothing is left out because a test forgot a table.
 */
final class DatabaseScan {

    private static final String COLUMNS = """
            select c.table_schema, c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
            order by 1, 2, 3
            """;

    private DatabaseScan() {
    }

    /** Each {@code schema.table.column} holding {@code text} in some row, as text (bytea as its hex form). */
    static List<String> columnsContaining(String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection db = TestServer.database()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(COLUMNS); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] column : columns) {
                String name = quoted(column[0]) + "." + quoted(column[1]);
                try (PreparedStatement search = db.prepareStatement("select exists (select 1 from " + name
                        + " where strpos(" + quoted(column[2]) + "::text, ?) > 0)")) {
                    search.setString(1, text);
                    try (ResultSet hit = search.executeQuery()) {
                        hit.next();
                        if (hit.getBoolean(1)) {
                            found.add(column[0] + "." + column[1] + "." + column[2]);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
