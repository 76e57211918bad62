package dev.meridian.eventinfra.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * JSON-B for the APIs' request bodies that refuses a field the API does not define, so that a misspelt field is a
 * 400 rather than silently ignored (API.md: bad input gets a clear error). JSON-B 3.0 has no standard switch for it;
 * this is Yasson's, the JSON-B of WildFly and Payara. A JAX-RS application uses it by declaring a {@code @Provider}
 * subclass, since providers are found only in the application's own archive.
 *
 * <p>Every body has to arrive in time ({@link BodyDeadline}). Before JSON-B reads a JSON body, the body is bounded
 * ({@value #MAX_BODY_BYTES} bytes; {@value #MAX_ANONYMOUS_BODY_BYTES} for a caller without a valid bearer token, whose
 * endpoints take an address and a password at most), and {@link JsonBodyShape} checks it against the type it is
 * read into, so that no malformed body reaches a resource, or the database, and every refusal names its field.
 */
@API(status = API.Status.STABLE)
public class StrictJsonBinding implements ContextResolver<Jsonb>, ReaderInterceptor {

    /** More than the largest body of the APIs (50 preferences of 500 characters). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** More than a registration with the longest address, password and name the rules accept. */
    static final int MAX_ANONYMOUS_BODY_BYTES = 4 * 1024;

    private static final Jsonb STRICT = JsonbBuilder.create(
            new JsonbConfig().setProperty("jsonb.fail-on-unknown-properties", true));

    @Context
    SecurityContext caller;

    @Override
    public Jsonb getContext(Class<?> type) {
        return STRICT;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new BodyDeadline(context.getInputStream()));
        MediaType mediaType = context.getMediaType();
        // media types are case-insensitive, and some JSON readers (Jackson's) take application/JSON too
        String subtype = mediaType == null ? "" : mediaType.getSubtype().toLowerCase(Locale.ROOT);
        if (!subtype.equals("json") && !subtype.endsWith("+json")) {
            return context.proceed();
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            // the check below reads UTF-8; JSON-B would read the declared charset, and read other text than checked
            throw new WebApplicationException("JSON bodies are UTF-8 (RFC 8259), not " + charset,
                    Response.Status.UNSUPPORTED_MEDIA_TYPE);
        }
        int limit = caller != null && caller.getUserPrincipal() != null ? MAX_BODY_BYTES : MAX_ANONYMOUS_BODY_BYTES;
        byte[] body = context.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            throw new WebApplicationException("The body is larger than " + limit + " bytes",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        JsonBodyShape.check(utf8(body), context.getGenericType());
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidParameterException("body", "must be UTF-8");
        }
    }
}
