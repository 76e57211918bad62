package dev.meridian.notification.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JAX-RS application of notification: templates, deliveries and their log. */
@ApplicationPath("/")
// a CDI bean, so that the server sees @LoginConfig: Payara looks for it on beans only
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class NotificationApplication extends Application {
}
