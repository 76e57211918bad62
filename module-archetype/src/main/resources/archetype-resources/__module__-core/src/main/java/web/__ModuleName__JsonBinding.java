package ${package}.web;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the ${module} API with no fields beyond the documented ones. */
@Provider
public class ${ModuleName}JsonBinding extends StrictJsonBinding {
}
