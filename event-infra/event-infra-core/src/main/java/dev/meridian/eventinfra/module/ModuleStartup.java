package dev.meridian.eventinfra.module;

import dev.meridian.eventinfra.store.EventStoreProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts each module as its WAR starts ({@link ModuleStartupListener} tells it). This bean lives in the EAR's lib/,
 * so it is one instance for all WARs and keeps the list of started modules for readiness.
 */
@ApplicationScoped
public class ModuleStartup {

    /** event-infra's own schema: the event store, inboxes, dead letters and checkpoints live there. */
    public static final String EVENT_INFRA_SCHEMA = "event_infra";

    private final Map<String, StartedModule> started = new ConcurrentHashMap<>();

    @Inject
    SchemaMigrations migrations;

    @Inject
    EventStoreProducer eventStore;

    private volatile String eventInfraSchemaVersion;

    /** Migrates the schema of the module whose WAR is starting, and registers it; a WAR of no module is ignored. */
    public void startModuleOf(ServletContext context) {
        ClassLoader moduleLoader = context.getClassLoader();
        ModuleDescriptor.from(ConfigProvider.getConfig(moduleLoader)).ifPresent(module -> start(module, moduleLoader));
    }

    private void start(ModuleDescriptor module, ClassLoader moduleLoader) {
        // A module may append to the event store as soon as it runs, so event-infra's schema comes first, and the
        // event types are read now: two catalogs declaring the same event fail the deployment, not a later append.
        String infraVersion = migrateEventInfraSchemaOnce();
        eventStore.registry();
        String schemaVersion = module.schema()
                .map(schema -> migrations.migrate(schema, moduleLoader))
                .orElse(infraVersion);
        started.put(module.name(), new StartedModule(module, schemaVersion));
    }

    private synchronized String migrateEventInfraSchemaOnce() {
        if (eventInfraSchemaVersion == null) {
            eventInfraSchemaVersion = migrations.migrate(EVENT_INFRA_SCHEMA, ModuleStartup.class.getClassLoader());
        }
        return eventInfraSchemaVersion;
    }

    /** The modules started so far, in no particular order. */
    public Collection<StartedModule> startedModules() {
        return started.values();
    }

    /**
     * A module that started.
     *
     * @param descriptor    what it said about itself
     * @param schemaVersion the version of the schema it owns (event-infra's for a module without one)
     */
    public record StartedModule(ModuleDescriptor descriptor, String schemaVersion) {
    }
}
