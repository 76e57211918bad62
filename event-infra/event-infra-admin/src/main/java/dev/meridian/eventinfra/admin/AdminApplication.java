package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JAX-RS application of the admin REST API over event-infra (the console page is served beside it). */
@ApplicationPath("/api")
// a CDI bean, so that the server sees @LoginConfig: Payara looks for it on beans only
@ApplicationScoped
// the schema ProblemResponses gives every error answer
@OpenAPIDefinition(info = @Info(title = "Meridian admin API", version = "1"), components = @Components(
        schemas = @Schema(name = ProblemResponses.PROBLEM_SCHEMA, implementation = Problem.class)))
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class AdminApplication extends Application {
}
