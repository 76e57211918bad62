package dev.meridian.payara;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The Micrometer registry the modules record to. WildFly's micrometer subsystem gives deployments one; Payara has
 * MicroProfile Metrics only, so on Payara the EAR brings its own, exported by {@link PrometheusScrape}.
 */
@ApplicationScoped
public class PrometheusRegistry {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    // dependent: the registry class cannot be proxied, and this bean keeps the one instance
    @Produces
    MeterRegistry meterRegistry() {
        return registry;
    }

    /** Writes every meter in Prometheus' text format. */
    void scrape(OutputStream out) throws IOException {
        registry.scrape(out);
    }

    @PreDestroy
    void close() {
        registry.close();
    }
}
