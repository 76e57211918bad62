package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.projection.Projection;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Finds, while the container starts, every {@link Delivered} observer method and every {@link Projection} bean of
 * every WAR of the EAR. The extension lives in the EAR's lib/, so the server runs one instance for the whole EAR;
 * each module's share is picked out by class loader when the module starts.
 */
public class DeliveryExtension implements Extension {

    private final List<ObserverMethod<?>> handlers = new CopyOnWriteArrayList<>();
    private final List<Bean<?>> projections = new CopyOnWriteArrayList<>();

    <T, X> void handler(@Observes ProcessObserverMethod<T, X> discovered) {
        if (discovered.getObserverMethod().getObservedQualifiers().contains(Delivered.Literal.INSTANCE)) {
            handlers.add(discovered.getObserverMethod());
        }
    }

    <X> void projection(@Observes ProcessBean<X> discovered) {
        if (discovered.getBean().getTypes().contains(Projection.class)) {
            projections.add(discovered.getBean());
        }
    }

    /** The delivered-event observers declared by classes of {@code moduleLoader}. */
    public List<ObserverMethod<?>> handlersOf(ClassLoader moduleLoader) {
        return handlers.stream().filter(handler -> handler.getBeanClass().getClassLoader() == moduleLoader).toList();
    }

    /** The class loaders of the modules that declare delivered-event observers. */
    public Set<ClassLoader> consumingModules() {
        return handlers.stream().map(handler -> handler.getBeanClass().getClassLoader()).collect(Collectors.toSet());
    }

    /** The projections declared by classes of {@code moduleLoader}. */
    public List<Bean<?>> projectionsOf(ClassLoader moduleLoader) {
        return projections.stream().filter(bean -> bean.getBeanClass().getClassLoader() == moduleLoader).toList();
    }
}
