package dev.meridian.auth.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.auth.api.AccountErasureRequest;
import dev.meridian.auth.command.AccountErasureHandler;
import dev.meridian.auth.command.NoSuchAccountException;
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

/** Auth's part in the erasure process the user module runs ({@link AccountErasureRequest}). */
@Path("participants/erasure")
public class AccountErasureParticipant extends ProcessParticipant {

    @Inject
    AccountErasureHandler erasure;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response disable(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, AccountErasureRequest request) {
        if (request == null || request.userId() == null) {
            return Problem.invalid(List.of(new Problem.Violation("userId", "required"))).toResponse();
        }
        try {
            if (!erasure.disable(lraId.toString(), request.userId())) {
                return Problem.of(Response.Status.CONFLICT, "The erasure was cancelled").toResponse();
            }
        } catch (NoSuchAccountException e) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
        }
        return Response.ok().build();
    }

    @Override
    protected void onComplete(String lraId) {
        erasure.erase(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        erasure.restore(lraId);
    }
}
