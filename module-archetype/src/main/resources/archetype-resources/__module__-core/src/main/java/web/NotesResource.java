package ${package}.web;

import ${package}.command.WriteNote;
import ${package}.command.WriteNoteHandler;
import ${package}.query.NoteQueries;
import ${package}.query.NoteView;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/${module}/notes}: the signed-in person writes notes and reads their own. A note shows once its
 * projection has it, usually within moments of being written; another person's note is not told apart from none.
 */
@Path("notes")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = ProblemResponses.BEARER)
public class NotesResource {

    @Inject
    WriteNoteHandler write;

    @Inject
    NoteQueries queries;

    @Inject
    JsonWebToken token;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a note")
    @APIResponse(responseCode = "202", description = "Written: Location says where it will show")
    @APIResponse(responseCode = "400", description = "The text is missing, blank or longer than 2000 characters")
    public Response write(NoteRequest request, @Context UriInfo uri) {
        Optional<UUID> author = signedIn();
        if (author.isEmpty()) {
            return Problem.bearerTokenRequired("A valid bearer token is required");
        }
        try {
            UUID noteId = write.handle(new WriteNote(author.get(), request == null ? null : request.text()));
            return Response.accepted().location(uri.getAbsolutePathBuilder().path(noteId.toString()).build()).build();
        } catch (IllegalArgumentException invalid) {
            return Problem.invalid(List.of(new Problem.Violation("text", invalid.getMessage()))).toResponse();
        }
    }

    @GET
    @Path("{noteId}")
    @Operation(summary = "One of the signed-in person's notes")
    @APIResponse(responseCode = "200", description = "The note", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "400", description = "The note id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such note of the signed-in person's (yet)")
    public Response note(@PathParam("noteId") String noteId) {
        Optional<UUID> reader = signedIn();
        if (reader.isEmpty()) {
            return Problem.bearerTokenRequired("A valid bearer token is required");
        }
        UUID id = RequestParameters.uuid("noteId", noteId);
        return queries.note(id).filter(note -> note.authorId().equals(reader.get()))
                .map(note -> Response.ok(note).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no such note").toResponse());
    }

    private Optional<UUID> signedIn() {
        return Optional.ofNullable(security.getUserPrincipal())
                .flatMap(principal -> RequestParameters.uuid(token.getSubject()));
    }
}
