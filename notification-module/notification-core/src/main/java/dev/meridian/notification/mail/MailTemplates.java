package dev.meridian.notification.mail;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The mails of each notification kind, per language: {@code mail/<kind>/<language>.subject.ftl},
 * {@code .text.ftl} and {@code .html.ftlh} on the class path. The {@code .ftlh} templates escape every value for
 * HTML, so a display name can never become markup. A language without templates gets English.
 */
public final class MailTemplates {

    static final String FALLBACK_LANGUAGE = "en";

    private final Configuration freemarker;

    public MailTemplates(ClassLoader templates) {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassLoaderForTemplateLoading(templates, "mail");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocalizedLookup(false);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
    }

    /** The mail of {@code kind} in {@code language} (or English), with {@code values} filled in. */
    public RenderedMail render(String kind, String language, Map<String, Object> values) {
        String folder = kind.toLowerCase(Locale.ROOT) + "/";
        String chosen = exists(folder + language + ".subject.ftl") ? language : FALLBACK_LANGUAGE;
        return new RenderedMail(
                rendered(folder + chosen + ".subject.ftl", values).strip(),
                rendered(folder + chosen + ".text.ftl", values),
                rendered(folder + chosen + ".html.ftlh", values));
    }

    private boolean exists(String name) {
        try {
            freemarker.getTemplate(name);
            return true;
        } catch (TemplateNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String rendered(String name, Map<String, Object> values) {
        try {
            Template template = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(values, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mail template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("The mail template " + name + " failed: " + e.getMessage(), e);
        }
    }
}
