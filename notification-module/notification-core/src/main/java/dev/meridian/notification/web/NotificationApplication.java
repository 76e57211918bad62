package dev.meridian.notification.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of notification: templates, deliveries and their log. */
@ApplicationPath("/")
public class NotificationApplication extends Application {
}
