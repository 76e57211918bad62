package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the admin API with no fields beyond the documented ones, checked before they are read. */
@Provider
public class AdminJsonBinding extends StrictJsonBinding {
}
