package dev.meridian.analytics.query;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Sign-ups per day. */
@ApplicationScoped
public class SignUpQueries {

    private static final String DAYS = """
            select day, count from analytics.signups_per_day where day between ? and ? order by day
            """;

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    /** The days from {@code from} to {@code to} (both included) with at least one sign-up, in order. */
    public List<SignUpsView> between(LocalDate from, LocalDate to) {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(DAYS)) {
            query.setObject(1, from);
            query.setObject(2, to);
            List<SignUpsView> days = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    days.add(new SignUpsView(rows.getObject(1, LocalDate.class), rows.getLong(2)));
                }
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read sign-ups", e);
        }
    }
}
