package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.store.EventStoreProducer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * The snapshot store of the running server, for modules' repositories ({@link EventSourcedRepository#withSnapshots}):
 * on the shared datasource, reporting to the event store's metrics, sealing personal data with its people's keys.
 */
@ApplicationScoped
public class SnapshotStoreProducer {

    @Inject
    DataSource dataSource;

    @Inject
    EventStoreProducer eventStore;

    private SnapshotStore snapshots;

    @PostConstruct
    void open() {
        snapshots = new SnapshotStore(dataSource, eventStore.json(), eventStore.metrics(), eventStore.store());
    }

    /** The store every module's snapshots go to. */
    @Produces
    public SnapshotStore snapshotStore() {
        return snapshots;
    }
}
