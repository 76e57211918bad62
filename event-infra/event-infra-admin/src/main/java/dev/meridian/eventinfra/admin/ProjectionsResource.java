package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.projection.ProjectionStatus;
import dev.meridian.eventinfra.projection.Projections;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /admin/api/projections}: every projection's checkpoint, lag, state and rebuild progress; rebuilds, each
 * recorded with the operator who asked.
 */
@Path("projections")
@AdminOnly
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionsResource {

    private static final int REBUILDS_SHOWN = 20;

    @Inject
    Projections projections;

    @Context
    SecurityContext security;

    @GET
    public List<ProjectionStatus> list() {
        return projections.statuses();
    }

    @GET
    @Path("{name}")
    public ProjectionStatus get(@PathParam("name") String name) {
        return projections.status(name).orElseThrow(() -> new NotFoundException("There is no projection " + name));
    }

    /** Who rebuilt the projection and when, newest first (the latest {@value #REBUILDS_SHOWN}). */
    @GET
    @Path("{name}/rebuilds")
    public List<Projections.Rebuild> rebuilds(@PathParam("name") String name) {
        return projections.rebuilds(name, REBUILDS_SHOWN)
                .orElseThrow(() -> new NotFoundException("There is no projection " + name));
    }

    @POST
    @Path("{name}/rebuild")
    @APIResponse(responseCode = "202", description = "The rebuild started; the projection's status, with its"
            + " progress")
    public Response rebuild(@PathParam("name") String name) {
        if (!projections.rebuild(name, security.getUserPrincipal().getName())) {
            throw new NotFoundException("There is no projection " + name);
        }
        return Response.accepted(projections.status(name).orElseThrow()).build();
    }
}
