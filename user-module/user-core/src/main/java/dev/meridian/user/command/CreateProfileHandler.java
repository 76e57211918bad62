package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.user.domain.DisplayName;
import dev.meridian.user.domain.LanguageTag;
import dev.meridian.user.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a registered person's profile and records the user module's part in the registration, together. A
 * request repeated for the same registration finds its part taken and changes nothing.
 */
@ApplicationScoped
public class CreateProfileHandler {

    /** The module's name in the process log. */
    public static final String MODULE = "user";

    @Inject
    ProfileRecords records;

    @Inject
    ProcessLog processLog;

    /**
     * @throws IllegalArgumentException        when the display name or the locale is invalid
     * @throws RegistrationCancelledException when the registration was cancelled before this step
     */
    @Transactional
    public void handle(CreateProfile command) {
        DisplayName displayName = DisplayName.of(command.displayName());
        LanguageTag locale = LanguageTag.of(command.locale());
        ProcessLog.Joining joining = processLog.join(command.lraId(), MODULE, command.userId(), "profile created");
        if (joining == ProcessLog.Joining.CANCELLED) {
            throw new RegistrationCancelledException(command.lraId());
        }
        if (joining == ProcessLog.Joining.JOINED_BEFORE) {
            return;
        }
        Profile profile = Profile.create(command.userId(), command.email(), displayName, locale);
        records.profiles().save(command.userId(), profile, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of(command.userId().toString()), Map.of()));
    }
}
