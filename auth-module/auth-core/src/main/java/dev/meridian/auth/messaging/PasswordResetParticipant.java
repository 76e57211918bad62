package dev.meridian.auth.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import dev.meridian.auth.command.EndPasswordResetHandler;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.web.ParticipantStatusAnswer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Auth's part in the password-reset process: when the process is cancelled (its time limit, the token's
 * lifetime, passed, or a newer request superseded it) the token stops working, if it was not used. Closing needs
 * nothing more: the password was set when the token was used. {@code @AfterLRA} ends the process in the log.
 */
@Path("participants/password-reset")
public class PasswordResetParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/auth/participants/password-reset";

    @Inject
    EndPasswordResetHandler end;

    @Inject
    ProcessLog processLog;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Operation(hidden = true)
    public Response join() {
        // joining is all: the token is issued by the process, in auth's own transaction
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        end.complete(lraId.toString());
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        end.expire(lraId.toString());
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

    @PUT
    @Path("after")
    @AfterLRA
    @Operation(hidden = true)
    public Response after(@HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) URI lraId, LRAStatus status) {
        processLog.endedAtCoordinator(lraId.toString(), status.name());
        return Response.ok().build();
    }
}
