package dev.meridian.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The welcome mail's templates as the sender renders them. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates(MailTemplatesTest.class.getClassLoader());

    @Test
    void greetsInThePersonsLanguage() {
        RenderedMail mail = templates.render("WELCOME", "de", Map.of("displayName", "Ada"));

        assertThat(mail.subject()).isEqualTo("Willkommen bei Meridian, Ada");
        assertThat(mail.text()).startsWith("Hallo Ada,");
        assertThat(mail.html()).contains("<html lang=\"de\">", "<p>Hallo Ada,</p>");
    }

    @Test
    void fallsBackToEnglishForALanguageWithoutTemplates() {
        RenderedMail mail = templates.render("WELCOME", "fr", Map.of("displayName", "Ada"));

        assertThat(mail.subject()).isEqualTo("Welcome to Meridian, Ada");
        assertThat(mail.html()).contains("<html lang=\"en\">");
    }

    @Test
    void escapesTheDisplayNameInHtmlButNotInText() {
        RenderedMail mail = templates.render("WELCOME", "en", Map.of("displayName", "<b>Ada</b> & \"Co\""));

        assertThat(mail.html()).contains("Hello &lt;b&gt;Ada&lt;/b&gt; &amp; &quot;Co&quot;,")
                .doesNotContain("<b>Ada</b>");
        assertThat(mail.text()).startsWith("Hello <b>Ada</b> & \"Co\",");
    }
}
