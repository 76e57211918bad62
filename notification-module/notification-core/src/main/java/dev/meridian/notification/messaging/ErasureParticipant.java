package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.web.ParticipantStatusAnswer;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.NotificationErasureRequest;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.mail.MailDelivery;
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

/** The notification module's part in the erasure process ({@link NotificationErasureRequest}). */
@Path("participants/erasure")
public class ErasureParticipant {

    @Inject
    Deliveries deliveries;

    @Inject
    MailDelivery mail;

    @Inject
    ProcessLog processLog;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response hold(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, NotificationErasureRequest request) {
        if (request == null || request.userId() == null) {
            return Problem.invalid(List.of(new Problem.Violation("userId", "required"))).toResponse();
        }
        if (!deliveries.holdForErasure(lraId.toString(), request.userId())) {
            return Problem.of(Response.Status.CONFLICT, "The erasure was cancelled").toResponse();
        }
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        deliveries.erase(lraId.toString());
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        if (deliveries.releaseAfterCancelledErasure(lraId.toString())) {
            mail.wakeUp();
        }
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    @GET
    @Path("status")
    @Status
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        return ParticipantStatusAnswer.of(processLog.state(lraId.toString(), Deliveries.MODULE));
    }
}
