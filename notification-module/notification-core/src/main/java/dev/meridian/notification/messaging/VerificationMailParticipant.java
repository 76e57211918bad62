package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.web.ParticipantStatusAnswer;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.VerificationMailRequest;
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
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The notification module's part when someone asks for a new email-verification link
 * ({@link VerificationMailRequest}): the mail goes out at once; one still waiting when the process is cancelled
 * never goes. Every callback is idempotent.
 */
@Path("participants/email-verification")
public class VerificationMailParticipant {

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
    public Response queue(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, VerificationMailRequest request) {
        if (request == null || Stream.of(request.userId(), request.email(), request.locale(), request.link(),
                request.expiresAt()).anyMatch(Objects::isNull)) {
            return Problem.invalid(List.of(new Problem.Violation("userId, email, locale, link and expiresAt",
                    "required"))).toResponse();
        }
        if (!deliveries.queueVerification(lraId.toString(), request.userId(), request.email(), request.locale(),
                request.link(), request.expiresAt())) {
            return Problem.of(Response.Status.CONFLICT, "The request for a verification link was cancelled")
                    .toResponse();
        }
        mail.wakeUp();
        return Response.ok().build();
    }

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        processLog.complete(lraId.toString(), Deliveries.MODULE);
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        deliveries.cancel(lraId.toString(), "request for a verification link cancelled");
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
