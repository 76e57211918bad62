package dev.meridian.payara;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;

/**
 * Narayana's JAX-RS classes (the LRA participant filter every application of the EAR finds in its {@code lib/}, the
 * coordinator's resource), made per application and per request rather than once. They are application-scoped beans
 * holding {@code @Context} proxies: with the EAR's one CDI deployment a single instance would serve every
 * application with the proxies of the one that asked first, which fail everywhere else ("Not inside a request
 * scope"). On WildFly each is made where it is used.
 */
public class NarayanaPerApplication implements Extension {

    private static final String NARAYANA_LRA = "io.narayana.lra.";

    <T> void dependent(@Observes @WithAnnotations({Path.class, Provider.class}) ProcessAnnotatedType<T> type) {
        if (type.getAnnotatedType().getJavaClass().getName().startsWith(NARAYANA_LRA)
                && type.getAnnotatedType().isAnnotationPresent(ApplicationScoped.class)) {
            type.configureAnnotatedType()
                    .remove(annotation -> annotation.annotationType() == ApplicationScoped.class)
                    .add(Dependent.Literal.INSTANCE);
        }
    }
}
