package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.participant.ProcessParticipant;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.PasswordResetMailRequest;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The notification module's part in the password-reset process ({@link PasswordResetMailRequest}): the reset mail
 * goes out at once, the confirmation when the process closes (the password was reset), and a reset mail still
 * waiting when the process is cancelled (expired, superseded) never goes. Every callback is idempotent.
 */
@Path("participants/password-reset")
public class PasswordResetMailParticipant extends ProcessParticipant {

    @Inject
    Deliveries deliveries;

    @Inject
    MailDelivery mail;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response queue(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, PasswordResetMailRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request == null || request.userId() == null) {
            violations.add(new Problem.Violation("userId", "required"));
        }
        if (request == null || request.email() == null || request.email().isBlank()) {
            violations.add(new Problem.Violation("email", "required"));
        }
        if (request == null || request.locale() == null || request.link() == null || request.expiresAt() == null) {
            violations.add(new Problem.Violation("locale, link and expiresAt", "required"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        if (!deliveries.queuePasswordReset(lraId.toString(), request.userId(), request.email(), request.locale(),
                request.link(), request.expiresAt())) {
            return Problem.of(Response.Status.CONFLICT, "The password reset was cancelled").toResponse();
        }
        mail.wakeUp();
        return Response.ok().build();
    }

    @Override
    protected void onComplete(String lraId) {
        if (deliveries.confirmPasswordReset(lraId)) {
            mail.wakeUp();
        }
    }

    @Override
    protected void onCompensate(String lraId) {
        deliveries.cancel(lraId, "password reset expired or superseded");
    }
}
