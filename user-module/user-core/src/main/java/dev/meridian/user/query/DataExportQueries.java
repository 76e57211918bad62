package dev.meridian.user.query;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.module.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/** Data exports as their owner sees them; an expired one is gone even before the sweeper deletes it. */
@ApplicationScoped
public class DataExportQueries {

    private static final String VIEW_COLUMNS = """
            select id, status, requested_at, deadline_at, expires_at, missing from users.data_exports
            """;
    private static final String PENDING_OF = VIEW_COLUMNS + " where user_id = ? and status = 'PENDING'";
    private static final String OWNED = VIEW_COLUMNS
            + " where id = ? and user_id = ? and (expires_at is null or expires_at > now())";
    private static final String ARCHIVE = """
            select archive::text from users.data_exports where id = ? and user_id = ? and status = 'READY'
            and expires_at > now()
            """;

    @Inject
    DataSource dataSource;

    private String publicUrl;

    @PostConstruct
    void configure() {
        publicUrl = Settings.text(ConfigProvider.getConfig(DataExportQueries.class.getClassLoader()),
                "meridian.public-url").orElse("http://localhost:8080").replaceAll("/+$", "");
    }

    /** Where the owner downloads the archive of export {@code exportId}. */
    public String downloadUrl(UUID exportId) {
        return publicUrl + "/api/users/me/data-exports/" + exportId + "/archive";
    }

    /** The export of {@code userId} still waiting for answers, if there is one. */
    public Optional<DataExportView> pendingOf(UUID userId) {
        return first(PENDING_OF, userId);
    }

    /** The export {@code exportId} if it is {@code userId}'s and not expired. */
    public Optional<DataExportView> find(UUID userId, UUID exportId) {
        return first(OWNED, exportId, userId);
    }

    /** The archive of the export {@code exportId} if it is {@code userId}'s, ready and not expired. */
    public Optional<String> archive(UUID userId, UUID exportId) {
        return Statements.query(dataSource, "read the data export's archive", ARCHIVE, row -> row.getString(1),
                exportId, userId).stream().findFirst();
    }

    private Optional<DataExportView> first(String query, Object... values) {
        return Statements.query(dataSource, "read the data exports", query, this::view, values).stream().findFirst();
    }

    private DataExportView view(ResultSet row) throws SQLException {
        UUID exportId = row.getObject(1, UUID.class);
        String status = row.getString(2);
        Array missing = row.getArray(6);
        return new DataExportView(exportId, status, row.getTimestamp(3).toInstant(),
                row.getTimestamp(4).toInstant(),
                Optional.ofNullable(row.getTimestamp(5)).map(Timestamp::toInstant).orElse(null),
                missing == null ? List.of() : Arrays.asList((String[]) missing.getArray()),
                status.equals("READY") ? downloadUrl(exportId) : null);
    }
}
