package dev.meridian.user.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.web.ParticipantStatusAnswer;
import dev.meridian.user.command.CreateProfileHandler;
import dev.meridian.user.command.ProfileErasureHandler;
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
 * The user module's part in the erasure process it runs: the profile is erased and the key shredded when the process
 * closes, thawed when it is cancelled. {@code @AfterLRA} ends the process in the log.
 */
@Path("participants/erasure")
public class ErasureParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/users/participants/erasure";

    @Inject
    ProfileErasureHandler erasure;

    @Inject
    ProcessLog processLog;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Operation(hidden = true)
    public Response join() {
        // joining is all: the profile is frozen by the process, in the user module's own transaction
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
        erasure.thaw(lraId.toString());
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    @GET
    @Path("status")
    @Status
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return ParticipantStatusAnswer.of(processLog.state(lraId.toString(), CreateProfileHandler.MODULE));
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
