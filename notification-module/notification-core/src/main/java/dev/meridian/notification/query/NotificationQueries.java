package dev.meridian.notification.query;

import dev.meridian.eventinfra.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** A person's notifications from the delivery log, newest first. */
@ApplicationScoped
public class NotificationQueries {

    private static final String PAGE = """
            select id, kind, channel, subject, status, attempts, created_at, sent_at from notification.deliveries
            where user_id = ? order by created_at desc, id limit ? offset ?
            """;
    private static final String COUNT = "select count(*) from notification.deliveries where user_id = ?";

    @Inject
    DataSource dataSource;

    /** Page {@code page} of {@code size} of the notifications for {@code userId}. */
    public Page<NotificationView> forUser(UUID userId, int page, int size) {
        try (Connection db = dataSource.getConnection()) {
            List<NotificationView> items = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(PAGE)) {
                query.setObject(1, userId);
                query.setInt(2, size);
                query.setLong(3, (long) page * size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(new NotificationView(rows.getObject(1, UUID.class), rows.getString(2),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getInt(6),
                                instant(rows, 7), instant(rows, 8)));
                    }
                }
            }
            try (PreparedStatement count = db.prepareStatement(COUNT)) {
                count.setObject(1, userId);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return new Page<>(items, page, size, row.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the delivery log", e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
