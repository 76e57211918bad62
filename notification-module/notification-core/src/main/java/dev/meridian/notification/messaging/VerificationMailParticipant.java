package dev.meridian.notification.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.VerificationMailRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The notification module's part when someone asks for a new email-verification link
 * ({@link VerificationMailRequest}): the mail is held while the process runs and goes out when it closes, right
 * after this step; the mail of a cancelled request never goes (the request was answered as failed). Every callback
 * is idempotent.
 */
@Path("participants/email-verification")
public class VerificationMailParticipant extends HeldMailParticipant {

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response hold(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, VerificationMailRequest request) {
        if (request == null || Stream.of(request.userId(), request.email(), request.locale(), request.link(),
                request.expiresAt()).anyMatch(Objects::isNull)) {
            return Problem.invalid(List.of(new Problem.Violation("userId, email, locale, link and expiresAt",
                    "required"))).toResponse();
        }
        if (!deliveries.holdVerification(lraId.toString(), request.userId(), request.email(), request.locale(),
                request.link(), request.expiresAt())) {
            return Problem.of(Response.Status.CONFLICT, "The request for a verification link was cancelled")
                    .toResponse();
        }
        return Response.ok().build();
    }

    @Override
    String cancellationReason() {
        return "request for a verification link cancelled";
    }
}
