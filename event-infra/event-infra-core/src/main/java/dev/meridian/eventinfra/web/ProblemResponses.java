package dev.meridian.eventinfra.web;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The error answers of a module's OpenAPI document, written once for every module (a module names this class in
 * {@code mp.openapi.filter}). A resource declares what an answer means and nothing about its form:
 * <ul>
 * <li>every 4xx and 5xx answer declared without content is a {@link Problem} ({@code application/problem+json},
 * the schema its {@code @OpenAPIDefinition} names {@value #PROBLEM_SCHEMA});</li>
 * <li>an operation that requires the {@value #BEARER} scheme ({@code @SecurityRequirement(name = BEARER)}) answers
 * 401 without a valid token, and one that lists the {@value #ADMINISTRATOR} role under it answers 403 to anyone
 * else, unless the resource says more about either;</li>
 * <li>the {@value #BEARER} scheme itself is declared: Meridian's JWTs, signed in at {@code POST /api/auth/sessions}.
 * </li>
 * <li>in an OpenAPI 3.0 document, which allows roles only under OAuth scopes, an operation's roles move from its
 * requirement to {@value #ROLES_EXTENSION}.</li>
 * </ul>
 * The model interfaces differ between MicroProfile OpenAPI 3.1 (Payara) and 4 (WildFly) in how a schema's type is
 * set, so this filter builds no schema: the Problem schema comes from the annotation scanner, which both servers
 * have.
 */
@API(status = API.Status.STABLE)
public class ProblemResponses implements OASFilter {

    /** The security scheme of Meridian's bearer tokens: an operation that requires it needs a valid token. */
    public static final String BEARER = "bearer";

    /** The role an operation lists under {@link #BEARER} when only an administrator may call it. */
    public static final String ADMINISTRATOR = "admin";

    /** Where an OpenAPI 3.0 document lists the roles an operation requires (3.1 lists them in its requirement). */
    public static final String ROLES_EXTENSION = "x-meridian-roles";

    /** The name of {@link Problem}'s schema among a document's components. */
    public static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        document.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /api/auth/sessions"));
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        List<SecurityRequirement> documentSecurity = document.getSecurity();
        // OpenAPI 3.0 (Payara's documents) allows roles under OAuth scopes only; 3.1 (WildFly's) under any scheme
        boolean rolesInRequirements = document.getOpenapi() == null || !document.getOpenapi().startsWith("3.0");
        document.getPaths().getPathItems().values().stream()
                .filter(path -> path.getOperations() != null)
                .flatMap(path -> path.getOperations().values().stream())
                .forEach(operation -> complete(operation, documentSecurity, rolesInRequirements));
    }

    private static void complete(Operation operation, List<SecurityRequirement> documentSecurity,
                                 boolean rolesInRequirements) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        requiredRoles(operation.getSecurity() != null ? operation.getSecurity() : documentSecurity)
                .ifPresent(roles -> {
                    addUnlessDeclared(responses, "401", "No valid bearer token");
                    if (roles.contains(ADMINISTRATOR)) {
                        addUnlessDeclared(responses, "403", "Not an administrator");
                    }
                    if (!rolesInRequirements && !roles.isEmpty() && operation.getSecurity() != null) {
                        operation.getSecurity().stream().filter(requirement -> requirement.hasScheme(BEARER))
                                .forEach(requirement -> requirement.addScheme(BEARER, List.of()));
                        operation.addExtension(ROLES_EXTENSION, roles);
                    }
                });
        if (responses.getAPIResponses() == null) {
            return;
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status) && response.getRef() == null && declaresNoContent(response)) {
                response.setContent(problem());
            }
        });
    }

    /** The roles the bearer scheme requires (none for any valid token); empty when it is not required at all. */
    private static Optional<List<String>> requiredRoles(List<SecurityRequirement> security) {
        if (security == null) {
            return Optional.empty();
        }
        return security.stream().map(SecurityRequirement::getSchemes).filter(schemes -> schemes != null
                && schemes.containsKey(BEARER)).map(schemes -> rolesOf(schemes.get(BEARER))).findFirst();
    }

    private static List<String> rolesOf(List<String> roles) {
        return roles == null ? List.of() : roles;
    }

    private static void addUnlessDeclared(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    // Payara's model holds an empty content where WildFly's holds none
    private static boolean declaresNoContent(APIResponse response) {
        return response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty();
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }
}
