package ${package}.web;

import dev.meridian.eventinfra.module.ModuleInfoResource;
import jakarta.ws.rs.Path;

/** {@code GET info}: this module's name and version. */
@Path("info")
public class ${ModuleName}InfoResource extends ModuleInfoResource {
}
