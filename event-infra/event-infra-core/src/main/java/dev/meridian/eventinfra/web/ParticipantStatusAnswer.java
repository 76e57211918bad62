package dev.meridian.eventinfra.web;

import dev.meridian.eventinfra.process.ParticipantState;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.apiguardian.api.API;

/** The answer of an LRA participant's {@code @Status} method, from its part in the process log. */
@API(status = API.Status.EXPERIMENTAL)
public final class ParticipantStatusAnswer {

    private ParticipantStatusAnswer() {
    }

    /** The part's status by name; 410 Gone when the module never heard of the LRA, as MicroProfile LRA asks. */
    public static Response of(Optional<ParticipantState> part) {
        return part.map(state -> Response.ok(state.participantStatus(), MediaType.TEXT_PLAIN_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.GONE).build());
    }
}
