package dev.meridian.user.messaging;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.participant.ProcessParticipant;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.user.api.ProfileRequest;
import dev.meridian.user.command.CreateProfile;
import dev.meridian.user.command.CreateProfileHandler;
import dev.meridian.user.command.DiscardProfileHandler;
import dev.meridian.user.command.RegistrationCancelledException;
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

/**
 * The user module's part in the registration process ({@link ProfileRequest}): the profile is created when the
 * process asks, kept when it closes and discarded when it is cancelled. Every callback is idempotent.
 */
@Path("participants/registration")
public class ProfileParticipant extends ProcessParticipant {

    @Inject
    CreateProfileHandler create;

    @Inject
    DiscardProfileHandler discard;

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response createProfile(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId, ProfileRequest request) {
        if (request == null || request.userId() == null) {
            return Problem.invalid(List.of(new Problem.Violation("userId", "required"))).toResponse();
        }
        try {
            create.handle(new CreateProfile(lraId.toString(), request.userId(), request.email(),
                    request.displayName(), request.locale()));
            return Response.ok().build();
        } catch (RegistrationCancelledException e) {
            return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            return Problem.invalid(List.of(new Problem.Violation("displayName or locale", e.getMessage())))
                    .toResponse();
        }
    }

    @Override
    protected void onComplete(String lraId) {
        processLog().complete(lraId, CreateProfileHandler.MODULE);
    }

    @Override
    protected void onCompensate(String lraId) {
        discard.handle(lraId);
    }
}
