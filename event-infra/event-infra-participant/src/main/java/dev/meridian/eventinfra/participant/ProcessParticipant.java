package dev.meridian.eventinfra.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.module.ModuleDescriptor;
import dev.meridian.eventinfra.process.ParticipantState;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.apiguardian.api.API;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.Status;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A module's part in a process (an LRA), as the JAX-RS resource the coordinator calls back. A subclass declares its
 * {@code @Path} under {@code participants/}, its join method (a {@code PUT} on that path with
 * {@code @LRA(value = MANDATORY, end = false, cancelOnFamily = {})}, which takes the step in the module's own
 * transaction through {@link ProcessLog}) and what closing and cancelling the process do in its module. This class
 * answers the coordinator's complete, compensate and status calls; the status comes from the module's part in the
 * process log. The coordinator may call back more than once, so both actions must be idempotent.
 */
@API(status = API.Status.EXPERIMENTAL)
public abstract class ProcessParticipant {

    @Inject
    ProcessLog processLog;

    /** What closing the process does in this module: make its step final. */
    protected abstract void onComplete(String lraId);

    /** What cancelling the process does in this module: undo its step, or make sure it never happens. */
    protected abstract void onCompensate(String lraId);

    @PUT
    @Path("complete")
    @Complete
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response complete(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        onComplete(lraId.toString());
        return Response.ok(ParticipantStatus.Completed.name()).build();
    }

    @PUT
    @Path("compensate")
    @Compensate
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response compensate(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        onCompensate(lraId.toString());
        return Response.ok(ParticipantStatus.Compensated.name()).build();
    }

    /** The part's status by name; 410 Gone when the module never heard of the LRA, as MicroProfile LRA asks. */
    @GET
    @Path("status")
    @Status
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response status(@HeaderParam(LRA_HTTP_CONTEXT_HEADER) URI lraId) {
        Optional<ParticipantState> part = processLog.state(lraId.toString(), module());
        return part.map(state -> Response.ok(state.participantStatus(), MediaType.TEXT_PLAIN_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.GONE).build());
    }

    /**
     * This participant's module, named in its WAR's configuration. Read from the subclass's class loader, which is
     * the WAR's: this class is in the EAR's library, whose configuration names no module.
     */
    private String module() {
        return ModuleDescriptor.of(getClass())
                .map(ModuleDescriptor::name)
                .orElseThrow(() -> new IllegalStateException(getClass().getName() + " is in a WAR that is no module"));
    }

    /** The process log, for a subclass's join and actions. */
    protected ProcessLog processLog() {
        return processLog;
    }
}
