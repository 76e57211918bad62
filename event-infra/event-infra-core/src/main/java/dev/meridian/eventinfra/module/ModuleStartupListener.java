package dev.meridian.eventinfra.module;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.apiguardian.api.API;

/**
 * Starts a module before its WAR serves anything. Each module's {@code WEB-INF/web.xml} names this listener: the
 * server does not look for listeners in the EAR's lib/, and CDI start-up events of a WAR do not reach observers
 * there.
 */
@API(status = API.Status.STABLE)
public class ModuleStartupListener implements ServletContextListener {

    @Inject
    ModuleStartup startup;

    // injected by the WAR's container, so this is the module's own bean manager
    @Inject
    BeanManager beanManager;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        startup.startModuleOf(event.getServletContext(), beanManager);
    }
}
