package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.WelcomeMailRequest;
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
 * The notification module's part in the registration process ({@link WelcomeMailRequest}): the welcome mail is
 * held while the process runs, sent on {@code @Complete} and never sent for a cancelled registration. Every
 * callback is idempotent.
 */
@Path("participants/registration")
public class WelcomeMailParticipant extends HeldMailParticipant {

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response hold(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, WelcomeMailRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request == null || request.userId() == null) {
            violations.add(new Problem.Violation("userId", "required"));
        }
        if (request == null || request.email() == null || request.email().isBlank()) {
            violations.add(new Problem.Violation("email", "required"));
        }
        if (request == null || request.displayName() == null || request.locale() == null) {
            violations.add(new Problem.Violation("displayName and locale", "required"));
        }
        if (request == null || request.verificationLink() == null || request.verificationLinkExpiresAt() == null) {
            violations.add(new Problem.Violation("verificationLink and verificationLinkExpiresAt", "required"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        if (!deliveries.holdWelcome(lraId.toString(), request.userId(), request.email(), request.displayName(),
                request.locale(), request.verificationLink(), request.verificationLinkExpiresAt())) {
            return Problem.of(Response.Status.CONFLICT, "The registration was cancelled").toResponse();
        }
        return Response.ok().build();
    }

    @Override
    String cancellationReason() {
        return "registration cancelled";
    }
}
