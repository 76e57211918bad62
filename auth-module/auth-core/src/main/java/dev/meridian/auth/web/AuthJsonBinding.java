package dev.meridian.auth.web;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the auth API with no fields beyond the documented ones. */
@Provider
public class AuthJsonBinding extends StrictJsonBinding {
}
