package dev.meridian.eventinfra.module;

import dev.meridian.eventinfra.delivery.DeliveryExtension;
import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.projection.Projections;
import dev.meridian.eventinfra.store.EventStoreProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts each module as its WAR starts ({@link ModuleStartupListener} tells it). This bean lives in the EAR's lib/,
 * so it is one instance for all WARs and keeps the list of started modules for readiness.
 */
@ApplicationScoped
public class ModuleStartup {

    /** event-infra's own schema: the event store, inboxes, dead letters and checkpoints live there. */
    public static final String EVENT_INFRA_SCHEMA = "event_infra";

    private final Map<String, StartedModule> started = new ConcurrentHashMap<>();
    private final Set<ClassLoader> subscribed = ConcurrentHashMap.newKeySet();

    @Inject
    SchemaMigrations migrations;

    @Inject
    EventStoreProducer eventStore;

    @Inject
    DeliveryRuntime delivery;

    @Inject
    Projections projections;

    @Inject
    DeliveryExtension extension;

    private volatile String eventInfraSchemaVersion;

    /**
     * Migrates the schema of the module whose WAR is starting, subscribes its consumers, starts its projections
     * and registers it, and starts the relays once every consuming module has subscribed; a WAR of no module is
     * ignored.
     *
     * @throws IllegalStateException when the WAR declares delivered-event handlers but is no module: its
     *                               subscriptions would never exist, and the relays would wait for them forever
     */
    public void startModuleOf(ServletContext context, BeanManager beanManager) {
        ClassLoader moduleLoader = context.getClassLoader();
        List<ObserverMethod<?>> handlers = extension.handlersOf(moduleLoader);
        Optional<ModuleDescriptor> descriptor = ModuleDescriptor.of(moduleLoader);
        if (descriptor.isEmpty()) {
            if (!handlers.isEmpty()) {
                throw new IllegalStateException("The WAR at " + context.getContextPath() + " declares @Delivered"
                        + " handlers but no module: set meridian.module.name in its microprofile-config.properties");
            }
            return;
        }
        ModuleDescriptor module = descriptor.get();
        start(module, moduleLoader);
        ModuleContext moduleContext = new ModuleContext(module.name(), moduleLoader, beanManager);
        delivery.startModule(module, moduleContext, handlers);
        projections.start(moduleContext, extension.projectionsOf(moduleLoader));
        subscribed.add(moduleLoader);
        // A topic drops what it holds no subscription for, so relaying waits until every module that consumes has
        // subscribed, in whatever order the WARs start; modules that publish and start later are relayed at once.
        if (subscribed.containsAll(extension.consumingModules())) {
            delivery.startRelays();
        }
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
