package dev.meridian.auth.web;

import dev.meridian.auth.command.CreateAdminAccount;
import dev.meridian.auth.command.CreateAdminAccountHandler;
import dev.meridian.eventinfra.module.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Creates the administrator named by {@code meridian.admin.email} and {@code meridian.admin.password} (MicroProfile
 * Config also finds them as the environment variables {@code MERIDIAN_ADMIN_EMAIL} and
 * {@code MERIDIAN_ADMIN_PASSWORD}) when both are set and no account has that address. Declared in web.xml after event-infra's module start, so the auth schema exists. A
 * configured address or password that breaks the rules fails the start: a server whose administrator cannot sign
 * in is better found out at once.
 */
public class AdminAccountBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(AdminAccountBootstrap.class.getName());

    @Inject
    CreateAdminAccountHandler handler;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        Config config = ConfigProvider.getConfig(started.getServletContext().getClassLoader());
        Optional<String> email = Settings.text(config, "meridian.admin.email");
        Optional<String> password = Settings.text(config, "meridian.admin.password");
        if (email.isEmpty() || password.isEmpty()) {
            if (email.isPresent() != password.isPresent()) {
                LOG.warning("Only one of MERIDIAN_ADMIN_EMAIL and MERIDIAN_ADMIN_PASSWORD is set: no administrator"
                        + " is created");
            }
            return;
        }
        try {
            Optional<UUID> created = handler.handle(new CreateAdminAccount(email.get(), password.get()));
            LOG.info(() -> created.map(userId -> "Created the administrator " + email.get() + " (" + userId + ")")
                    .orElse("The administrator " + email.get() + " has an account already"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MERIDIAN_ADMIN_EMAIL or MERIDIAN_ADMIN_PASSWORD is not acceptable: "
                    + e.getMessage(), e);
        }
    }
}
