package dev.meridian.notification.query;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads what notification holds about a person for their data export. */
@ApplicationScoped
public class NotificationExports {

    private static final String DELIVERIES = """
            select id, kind, channel, recipient, display_name, locale, status, subject, attempts, created_at, sent_at
            from notification.deliveries where user_id = ? order by created_at
            """;

    @Inject
    DataSource dataSource;

    /** Everything notification holds about {@code userId}. */
    public NotificationExport of(UUID userId) {
        return new NotificationExport(Statements.query(dataSource, "read the delivery log", DELIVERIES,
                row -> new NotificationExport.SentNotification(row.getObject(1, UUID.class), row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                        row.getString(8), row.getInt(9), row.getTimestamp(10).toInstant(),
                        Optional.ofNullable(row.getTimestamp(11)).map(Timestamp::toInstant).orElse(null)), userId));
    }
}
