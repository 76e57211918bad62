package dev.meridian.auth.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import dev.meridian.auth.command.ActivateAccountHandler;
import dev.meridian.auth.command.CancelRegistrationHandler;
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
 * Auth's part in the registration process: the pending account becomes active when the process closes, or is
 * cancelled (its address freed) when it is cancelled. The process joins this participant over HTTP, like every
 * other, so that the coordinator calls it back on this server's own address ({@code /participants/*} answers
 * nobody else), whatever address the person registering used. {@code @AfterLRA} ends the process in the log.
 */
@Path("participants/registration")
public class AccountParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/auth/participants/registration";

    @Inject
    ActivateAccountHandler activate;

    @Inject
    CancelRegistrationHandler cancel;

    @Inject
    ProcessLog processLog;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Operation(hidden = true)
    public Response join() {
        // joining is all: the account itself is created by the process, in auth's own transaction
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        activate.handle(lraId.toString());
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        cancel.handle(lraId.toString());
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
