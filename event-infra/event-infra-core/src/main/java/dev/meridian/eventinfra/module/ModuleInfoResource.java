package dev.meridian.eventinfra.module;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apiguardian.api.API;

/**
 * {@code GET .../info}: the module's name and version, without authentication. A WAR exposes it by declaring a
 * subclass with its {@code @Path}, because JAX-RS discovers resources in the WAR and not in the EAR's lib/.
 */
@API(status = API.Status.STABLE)
public abstract class ModuleInfoResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModuleInfo info() {
        // the subclass belongs to the WAR, so its class loader sees that module's own configuration
        ModuleDescriptor module = ModuleDescriptor.of(getClass())
                .orElseThrow(() -> new IllegalStateException(getClass().getName() + " belongs to no Meridian module"));
        return new ModuleInfo(module.name(), module.version());
    }

    /**
     * The answer of {@code /info}.
     *
     * @param name    the module's name
     * @param version the version it was built as
     */
    public record ModuleInfo(String name, String version) {
    }
}
