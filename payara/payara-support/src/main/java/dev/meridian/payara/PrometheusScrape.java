package dev.meridian.payara;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The modules' meters in Prometheus' text format, at {@value PayaraWebModules#PROMETHEUS_PATH} of the root web
 * module (or of a module WAR running alone), on the internal listener only ({@link InternalDoor}): where WildFly
 * serves them on its management interface.
 */
public class PrometheusScrape extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(TEXT_FORMAT);
        CDI.current().select(PrometheusRegistry.class).get().scrape(response.getOutputStream());
    }
}
