package dev.meridian.analytics.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.analytics.api.SignUpRequest;
import dev.meridian.analytics.command.SignUps;
import dev.meridian.eventinfra.participant.ProcessParticipant;
import dev.meridian.eventinfra.web.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Analytics' part in the registration process ({@link SignUpRequest}): the sign-up is pending while the process
 * runs, confirmed when it closes (and counted from the account's activation) and dropped when it is cancelled.
 * Every callback is idempotent.
 */
@Path("participants/registration")
public class SignUpParticipant extends ProcessParticipant {

    @Inject
    SignUps signUps;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response begin(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, SignUpRequest request) {
        if (request == null || request.userId() == null) {
            return Problem.invalid(List.of(new Problem.Violation("userId", "required"))).toResponse();
        }
        if (!signUps.begin(lraId.toString(), request.userId())) {
            return Problem.of(Response.Status.CONFLICT, "The registration was cancelled").toResponse();
        }
        return Response.ok().build();
    }

    @Override
    protected void onComplete(String lraId) {
        signUps.confirm(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        signUps.drop(lraId);
    }
}
