package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.sourcing.EventSourcedRepository;
import dev.meridian.user.api.ProfileEvent;
import dev.meridian.user.domain.Profile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where profiles live: their streams ({@code profile-<userId>}) in the event store. */
@ApplicationScoped
public class ProfileRecords {

    @Inject
    EventStore eventStore;

    private EventSourcedRepository<Profile, ProfileEvent> profiles;

    @PostConstruct
    void open() {
        profiles = EventSourcedRepository.of(eventStore, "profile", ProfileEvent.class, Profile::toReplay);
    }

    /** The profile streams. */
    public EventSourcedRepository<Profile, ProfileEvent> profiles() {
        return profiles;
    }
}
