package dev.meridian.user.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.user.command.NoSuchProfileException;
import dev.meridian.user.process.ErasureFailedException;
import dev.meridian.user.process.ErasureProcess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** How both erasure endpoints (the person's own and the administrator's) answer. */
@ApplicationScoped
public class Erasures {

    @Inject
    ErasureProcess process;

    /** 202 with the process, 404 without such a person, 503 when a step failed (nothing was erased). */
    Response erase(UUID userId, UUID requestedBy) {
        try {
            return Response.accepted(new ErasureAnswer(process.run(userId, requestedBy)))
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (NoSuchProfileException e) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
        } catch (ErasureFailedException e) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
        }
    }
}
