package ${package}.web;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the ${module} API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class ${ModuleName}Problems extends ApiProblems {

    public ${ModuleName}Problems() {
        super("The ${module} API");
    }
}
