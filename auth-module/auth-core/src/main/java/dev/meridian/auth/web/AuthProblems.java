package dev.meridian.auth.web;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the auth API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AuthProblems extends ApiProblems {

    public AuthProblems() {
        super("The auth API");
    }
}
