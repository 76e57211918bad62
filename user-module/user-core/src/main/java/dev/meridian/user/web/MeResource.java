package dev.meridian.user.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import dev.meridian.user.command.ChangePreferences;
import dev.meridian.user.command.ChangePreferencesHandler;
import dev.meridian.user.command.DataExports;
import dev.meridian.user.command.NoSuchProfileException;
import dev.meridian.user.command.UpdateProfile;
import dev.meridian.user.command.UpdateProfileHandler;
import dev.meridian.user.domain.ProfileStateException;
import dev.meridian.user.query.DataExportQueries;
import dev.meridian.user.query.DataExportView;
import dev.meridian.user.query.ProfileQueries;
import dev.meridian.user.query.ProfileView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/users/me}: the bearer's own profile (the token's subject is their user id), to read
 * ({@code GET}), to change ({@code PATCH}), to set its preferences ({@code PUT .../preferences}), to export
 * everything Meridian holds about the person ({@code .../data-exports}) and to erase the person ({@code DELETE}).
 * Every answer with a profile shows it as it is after the request. A data export is its owner's alone: anyone
 * else is told it does not exist.
 */
@SecurityRequirement(name = ProblemResponses.BEARER)
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    ProfileQueries queries;

    @Inject
    UpdateProfileHandler update;

    @Inject
    ChangePreferencesHandler changePreferences;

    @Inject
    Erasures erasures;

    @Inject
    DataExports dataExports;

    @Inject
    DataExportQueries dataExportQueries;

    @Inject
    JsonWebToken token;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The signed-in person's profile")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "404", description = "The account has no profile (its registration did not close)")
    public Response me() {
        return asOwner(userId -> queries.profile(userId)
                .map(profile -> Response.ok(profile, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no profile for this account")
                        .toResponse()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the signed-in person's display name or language")
    @APIResponse(responseCode = "200", description = "The changed profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "A value is invalid, or a field unknown")
    @APIResponse(responseCode = "404", description = "The account has no profile")
    @APIResponse(responseCode = "409", description = "The profile changed meanwhile (read it and try again), or"
            + " the person is being erased")
    public Response change(ProfileChange change) {
        if (change == null) {
            return invalid("body", "required");
        }
        return asOwner(userId -> changed(() -> queries.view(update.handle(new UpdateProfile(userId,
                change.displayName(), change.locale()))), "displayName or locale"));
    }

    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the signed-in person's preferences (a flat map of strings and booleans)")
    @APIResponse(responseCode = "200", description = "The profile with its new preferences",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "A name or value is not allowed (names: a letter, then letters,"
            + " digits, dots, dashes, underscores, up to 64; values: strings up to 500 characters or booleans; at"
            + " most 50)")
    @APIResponse(responseCode = "404", description = "The account has no profile")
    @APIResponse(responseCode = "409", description = "The profile changed meanwhile (read it and try again), or"
            + " the person is being erased")
    public Response setPreferences(Map<String, Object> preferences) {
        if (preferences == null) {
            return invalid("body", "required");
        }
        return asOwner(userId -> changed(() -> queries.view(changePreferences.handle(new ChangePreferences(userId,
                preferences))), "preferences"));
    }

    @DELETE
    @Operation(summary = "Erase the signed-in person: account, profile and mail history; their events stay, with"
            + " every personal field unreadable")
    @APIResponse(responseCode = "202", description = "The erasure process ran (or runs, or ran before): its id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErasureAnswer.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token, or one whose password sign-in is not"
            + " recent (type .../reauthentication-required): sign in again with the password, then erase")
    @APIResponse(responseCode = "404", description = "The account has no profile")
    @APIResponse(responseCode = "503", description = "A module could not take its step; the erasure was cancelled"
            + " and nothing was erased")
    public Response erase() {
        return asOwner(userId -> RecentAuthentication.missingFrom(token)
                .orElseGet(() -> erasures.erase(userId, userId)));
    }

    @POST
    @Path("data-exports")
    @Operation(summary = "Export everything Meridian holds about the signed-in person: every module answers, then"
            + " the archive is assembled and its link mailed")
    @APIResponse(responseCode = "202", description = "The export started, or the one still pending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DataExportView.class)))
    @APIResponse(responseCode = "404", description = "The account has no profile")
    @APIResponse(responseCode = "409", description = "The person is being erased")
    public Response requestDataExport(@Context UriInfo uri) {
        return asOwner(userId -> {
            try {
                DataExportView export = dataExports.request(userId);
                return Response.accepted(export).type(MediaType.APPLICATION_JSON).location(uri.getBaseUriBuilder()
                        .path("me/data-exports/{exportId}").build(export.exportId())).build();
            } catch (NoSuchProfileException e) {
                return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
            } catch (ProfileStateException e) {
                return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
            }
        });
    }

    @GET
    @Path("data-exports/{exportId}")
    @Operation(summary = "Where the signed-in person's data export stands")
    @APIResponse(responseCode = "200", description = "The export: PENDING, READY (with its downloadUrl) or FAILED"
            + " (with the modules that did not answer)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DataExportView.class)))
    @APIResponse(responseCode = "400", description = "The export id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such export of this person (or it expired and was deleted)")
    public Response dataExport(@PathParam("exportId") String exportId) {
        return asOwnerOfExport(exportId, (userId, export) -> Response.ok(export, MediaType.APPLICATION_JSON)
                .build());
    }

    @GET
    @Path("data-exports/{exportId}/archive")
    @Operation(summary = "Download the signed-in person's data export: every module's data and all their events")
    @APIResponse(responseCode = "200", description = "The archive, one JSON document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "The export id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such export of this person (or it expired and was deleted)")
    @APIResponse(responseCode = "409", description = "The export is still pending, or failed")
    public Response dataExportArchive(@PathParam("exportId") String exportId) {
        return asOwnerOfExport(exportId, (userId, export) -> dataExportQueries.archive(userId, export.exportId())
                .map(archive -> Response.ok(archive, MediaType.APPLICATION_JSON).header("Content-Disposition",
                        "attachment; filename=\"meridian-data-export-" + export.exportId() + ".json\"").build())
                .orElseGet(() -> Problem.of(Response.Status.CONFLICT, "Data export " + export.exportId() + " is "
                        + export.status() + ", not READY").toResponse()));
    }

    /** What {@code answer} gives for the bearer's export {@code exportId}; 400, 401 or 404 without one. */
    private Response asOwnerOfExport(String exportId, BiFunction<UUID, DataExportView, Response> answer) {
        return asOwner(userId -> RequestParameters.uuid(exportId)
                .map(id -> dataExportQueries.find(userId, id).map(export -> answer.apply(userId, export))
                        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no data export " + id)
                                .toResponse()))
                .orElseGet(() -> invalid("exportId", "must be a UUID")));
    }

    /** What {@code answer} gives for the bearer's user id; 401 without a token of an account. */
    private Response asOwner(Function<UUID, Response> answer) {
        Optional<UUID> userId = Optional.ofNullable(security.getUserPrincipal())
                .flatMap(principal -> RequestParameters.uuid(token.getSubject()));
        return userId.map(answer).orElseGet(() -> Problem.bearerTokenRequired(
                "A bearer token of an account is required"));
    }

    private static Response changed(Supplier<ProfileView> change, String field) {
        try {
            return Response.ok(change.get(), MediaType.APPLICATION_JSON).build();
        } catch (NoSuchProfileException e) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
        } catch (ProfileStateException e) {
            return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            return invalid(field, e.getMessage());
        }
    }

    private static Response invalid(String field, String message) {
        return Problem.invalid(List.of(new Problem.Violation(field, message))).toResponse();
    }
}
