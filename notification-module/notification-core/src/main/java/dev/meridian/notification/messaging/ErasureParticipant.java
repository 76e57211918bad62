package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.participant.ProcessParticipant;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.NotificationErasureRequest;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.mail.MailDelivery;
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

/** The notification module's part in the erasure process ({@link NotificationErasureRequest}). */
@Path("participants/erasure")
public class ErasureParticipant extends ProcessParticipant {

    @Inject
    Deliveries deliveries;

    @Inject
    MailDelivery mail;

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

    @Override
    protected void onComplete(String lraId) {
        deliveries.erase(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        if (deliveries.releaseAfterCancelledErasure(lraId)) {
            mail.wakeUp();
        }
    }
}
