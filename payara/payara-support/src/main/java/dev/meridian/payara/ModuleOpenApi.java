package dev.meridian.payara;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * A module's own OpenAPI document at {@code <context root>/openapi}, as WildFly serves it
 * ({@code mp.openapi.extensions.path}): Payara serves one document for the whole EAR at {@code /openapi} and reads no
 * per-module path. Payara builds a document per web module all the same and merges them on request; this servlet
 * takes the module's from Payara's {@code OpenApiService} and writes it with Payara's own serializer, with the paths
 * under the context root as WildFly has them. YAML by default, JSON for {@code Accept: application/json} or
 * {@code ?format=JSON}, as both servers answer.
 *
 * <p>Payara's service is internal (its package is not exported to applications), so it is reached through the class
 * loader of Payara's OpenAPI model, by reflection; if a Payara release moves it, the servlet answers 404 and logs why,
 * as a module without a document does.
 */
public class ModuleOpenApi extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ModuleOpenApi.class.getName());
    private static final String SERVICE = "fish.payara.microprofile.openapi.impl.OpenApiService";
    private static final String SERIALIZERS = "fish.payara.microprofile.openapi.impl.rest.app.provider"
            + ".ObjectMapperFactory";
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";

    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contextRoot = request.getContextPath();
        Optional<OpenAPI> document;
        byte[] body;
        boolean json = wantsJson(request);
        try {
            document = documentOf(contextRoot);
            body = document.isEmpty() ? null : serialized(underContextRoot(document.get(), contextRoot), json);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // the path is public: the first failure is worth a warning, the rest would only fill the log
            LOG.log(warned.getAndSet(true) ? Level.FINE : Level.WARNING,
                    "Cannot read Payara's OpenAPI document of " + contextRoot, e);
            body = null;
        }
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType((json ? JSON : YAML) + ";charset=UTF-8");
        response.getOutputStream().write(body);
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(JSON);
    }

    /** The document Payara built for the web module at {@code contextRoot}, if it has one. */
    private static Optional<OpenAPI> documentOf(String contextRoot) throws ReflectiveOperationException {
        Class<?> service = payaraClass(SERVICE);
        Object instance = service.getMethod("getInstance").invoke(null);
        Map<?, ?> documents = (Map<?, ?>) readField(service, instance, "documents");
        for (Object supplier : documents.values()) {
            Object root = readField(supplier.getClass(), supplier, "contextRoot");
            if (root != null && normalised(root.toString()).equals(normalised(contextRoot))) {
                return Optional.ofNullable((OpenAPI) ((Supplier<?>) supplier).get());
            }
        }
        return Optional.empty();
    }

    /**
     * A copy with the paths under the context root, and no servers (which is where Payara puts the root): WildFly's
     * documents name the whole path. The copy keeps Payara's cached document as it is.
     */
    private static OpenAPI underContextRoot(OpenAPI document, String contextRoot) {
        Paths paths = OASFactory.createPaths();
        if (document.getPaths() != null) {
            document.getPaths().getPathItems().forEach((path, item) -> paths.addPathItem(contextRoot + path, item));
        }
        return OASFactory.createOpenAPI().openapi(document.getOpenapi()).info(document.getInfo())
                .externalDocs(document.getExternalDocs()).security(document.getSecurity())
                .tags(document.getTags()).components(document.getComponents()).paths(paths);
    }

    private static byte[] serialized(OpenAPI document, boolean json) throws ReflectiveOperationException {
        Object mapper = payaraClass(SERIALIZERS).getMethod(json ? "createJson" : "createYaml").invoke(null);
        try {
            return (byte[]) mapper.getClass().getMethod("writeValueAsBytes", Object.class).invoke(mapper, document);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara could not write the document", e.getCause());
        }
    }

    /** A class of Payara's OpenAPI bundle, through the loader of its model (the one part applications see). */
    private static Class<?> payaraClass(String name) throws ClassNotFoundException {
        ClassLoader bundle = OASFactory.createObject(OpenAPI.class).getClass().getClassLoader();
        return Class.forName(name, true, bundle);
    }

    private static Object readField(Class<?> type, Object instance, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(instance);
    }

    private static String normalised(String contextRoot) {
        String trimmed = contextRoot.replaceAll("^/+|/+$", "");
        return "/" + trimmed;
    }
}
