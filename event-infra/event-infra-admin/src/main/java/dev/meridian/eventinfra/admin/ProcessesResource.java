package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.process.ProcessDetail;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.process.ProcessSummary;
import dev.meridian.eventinfra.web.Page;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /admin/api/processes}: the registration, erasure and password-reset processes with each module's steps,
 * from the process log (API.md, admin).
 */
@Path("processes")
@AdminOnly
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
public class ProcessesResource {

    private static final Set<String> STATUSES = Set.of("RUNNING", "CLOSED", "CANCELLED", "FAILED");

    @Inject
    ProcessLog processes;

    @GET
    public Page<ProcessSummary> find(@QueryParam("type") String type, @QueryParam("status") String status,
                                     @QueryParam("page") String page, @QueryParam("size") String size) {
        return processes.find(Parameters.text("type", type), Parameters.oneOf("status", status, STATUSES),
                RequestParameters.page(page), RequestParameters.size(size));
    }

    @GET
    @Path("{id}")
    public ProcessDetail get(@PathParam("id") String id) {
        UUID processId = RequestParameters.uuid("id", id);
        return processes.get(processId).orElseThrow(() -> new NotFoundException("There is no process " + processId));
    }
}
