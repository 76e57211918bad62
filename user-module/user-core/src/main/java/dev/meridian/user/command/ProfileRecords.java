package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.sourcing.EventSourcedRepository;
import dev.meridian.eventinfra.sourcing.SnapshotSettings;
import dev.meridian.eventinfra.sourcing.SnapshotStore;
import dev.meridian.user.api.ProfileEvent;
import dev.meridian.user.domain.Profile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where profiles live: their streams ({@code profile-<userId>}) in the event store, with a snapshot every
 * {@value #SNAPSHOT_EVERY} events, so that a change costs the same however many came before it.
 */
@ApplicationScoped
public class ProfileRecords {

    static final int SNAPSHOT_EVERY = 25;

    @Inject
    EventStore eventStore;

    @Inject
    SnapshotStore snapshots;

    private EventSourcedRepository<Profile, ProfileEvent> profiles;

    @PostConstruct
    void open() {
        profiles = EventSourcedRepository.of(eventStore, "profile", ProfileEvent.class, Profile::toReplay)
                .withSnapshots(snapshots, new SnapshotSettings<>(Profile.Snapshot.class, 1, SNAPSHOT_EVERY));
    }

    /** The profile streams. */
    public EventSourcedRepository<Profile, ProfileEvent> profiles() {
        return profiles;
    }

    /** The profile of {@code userId}, neither absent, discarded nor erased. */
    public Profile existing(UUID userId) {
        return profiles.load(userId).filter(profile -> !profile.discarded() && !profile.erased())
                .orElseThrow(() -> new NoSuchProfileException(userId));
    }

    /** Appends what its owner changed in {@code profile}. */
    public void saveAsOwner(Profile profile) {
        profiles.save(profile.userId(), profile, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of(profile.userId().toString()), Map.of()));
    }
}
