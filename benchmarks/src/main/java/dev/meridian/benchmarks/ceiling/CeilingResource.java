package dev.meridian.benchmarks.ceiling;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /ceiling-probe/notes}: the least a command over HTTP can cost in this server, the work of a profile
 * update without the event store: the same bearer token checked, a JSON body bound, one JTA transaction with one
 * JDBC insert into the same database, a small JSON answer. Deployed only by the benchmark, never shipped.
 */
@Path("notes")
@Produces(MediaType.APPLICATION_JSON)
public class CeilingResource {

    private static final String INSERT = "insert into ceiling.notes (user_id, display_name) values (?, ?)";

    @Inject
    DataSource dataSource;

    @Inject
    JsonWebToken token;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response note(CeilingNote note) throws SQLException {
        if (security.getUserPrincipal() == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        UUID userId = UUID.fromString(token.getSubject());
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setObject(1, userId);
            insert.setString(2, note.displayName());
            insert.executeUpdate();
        }
        return Response.ok(Map.of("userId", userId.toString(), "displayName", note.displayName())).build();
    }
}
