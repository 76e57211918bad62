package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DomainEvent;
import java.util.UUID;

/**
 * What happened to a person's profile, on the profile's stream ({@code profile-<userId>}). The email address and
 * the display name are personal data: the store keeps them encrypted with the person's key.
 */
public sealed interface ProfileEvent extends DomainEvent permits UserProfileCreated, UserProfileUpdated,
        PreferencesChanged, UserProfileDiscarded, UserErasureRequested, UserErasureCancelled, UserErased,
        EmailVerified {

    /** The person's user id, the same in every module. */
    UUID userId();
}
