package dev.meridian.eventinfra.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_ENDED_CONTEXT_HEADER;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.apiguardian.api.API;
import org.eclipse.microprofile.lra.annotation.AfterLRA;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The part in a process of the module that runs it. The process takes this module's step itself, in the module's
 * own transaction, and then joins this participant over HTTP, like every other, so that the coordinator calls it
 * back on the server's own internal address whatever address the request that began it came to; joining is all.
 * When the LRA has ended, the process ends in the log. A subclass declares its {@code @Path} and what closing and
 * cancelling do.
 */
@API(status = API.Status.EXPERIMENTAL)
public abstract class ProcessOwnerParticipant extends ProcessParticipant {

    @PUT
    @LRA(value = LRA.Type.MANDATORY, end = false, cancelOnFamily = {})
    @Operation(hidden = true)
    public Response join() {
        return Response.ok().build();
    }

    @PUT
    @Path("after")
    @AfterLRA
    @Operation(hidden = true)
    public Response after(@HeaderParam(LRA_HTTP_ENDED_CONTEXT_HEADER) URI lraId, LRAStatus status) {
        processLog().endedAtCoordinator(lraId.toString(), status.name());
        return Response.ok().build();
    }
}
