package dev.meridian.payara;

import io.narayana.lra.client.internal.proxy.nonjaxrs.LRAParticipantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The registry of LRA participants that are not JAX-RS resources, which Narayana's participant filter asks for and
 * Narayana's proxy (left out of payara-support) would fill: empty, since every participant of Meridian is a JAX-RS
 * resource.
 */
@ApplicationScoped
public class EmptyParticipantRegistry {

    private final LRAParticipantRegistry empty = new LRAParticipantRegistry();

    @Produces
    LRAParticipantRegistry registry() {
        return empty;
    }
}
