package dev.meridian.user.web;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the user API with no fields beyond the documented ones. */
@Provider
public class UserJsonBinding extends StrictJsonBinding {
}
