package dev.meridian.eventinfra.module;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.function.Supplier;

/**
 * What module code needs around it when event-infra calls it from its own threads: the module WAR's class loader
 * as the context class loader (for its configuration and resources) and an active request context.
 *
 * @param name        the module's name
 * @param classLoader the module WAR's class loader
 * @param beanManager the module WAR's bean manager
 */
public record ModuleContext(String name, ClassLoader classLoader, BeanManager beanManager) {

    /** Runs {@code work} as module code. */
    public <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        RequestContextController requestContext =
                beanManager.createInstance().select(RequestContextController.class).get();
        requestContext.activate();
        try {
            return work.get();
        } finally {
            requestContext.deactivate();
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs {@code work} as module code. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
