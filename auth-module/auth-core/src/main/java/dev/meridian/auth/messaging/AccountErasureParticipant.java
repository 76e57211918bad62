package dev.meridian.auth.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.auth.api.AccountErasureRequest;
import dev.meridian.auth.command.AccountErasureHandler;
import dev.meridian.auth.command.NoSuchAccountException;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.web.ParticipantStatusAnswer;
import dev.meridian.eventinfra.web.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Auth's part in the erasure process the user module runs ({@link AccountErasureRequest}). */
@Path("participants/erasure")
public class AccountErasureParticipant {

    @Inject
    AccountErasureHandler erasure;

    @Inject
    ProcessLog processLog;

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

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        erasure.erase(lraId.toString());
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        erasure.restore(lraId.toString());
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    @GET
    @Path("status")
    @Status
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return ParticipantStatusAnswer.of(processLog.state(lraId.toString(), RegisterUserHandler.MODULE));
    }
}
