package dev.meridian.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mails' templates as the sender renders them. */
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

    @Test
    void carriesTheResetLinkAndWhenItStopsWorkingInEveryPart() {
        String link = "https://app.example.org/password-reset#token=abc_DEF-123";
        for (String language : new String[] {"en", "de"}) {
            RenderedMail mail = templates.render("PASSWORD_RESET", language,
                    Map.of("link", link, "linkExpiresAt", "2026-11-22 14:05 UTC"));

            assertThat(mail.subject()).as(language).isNotBlank();
            assertThat(mail.text()).as(language).contains(link, "2026-11-22 14:05 UTC");
            assertThat(mail.html()).as(language).contains("<a href=\"" + link + "\">", "2026-11-22 14:05 UTC");
        }
    }

    @Test
    void confirmsAPasswordChangeWithoutNamingAnyone() {
        RenderedMail mail = templates.render("PASSWORD_CHANGED", "de", Map.of());

        assertThat(mail.subject()).isEqualTo("Ihr Meridian-Passwort wurde geändert");
        assertThat(mail.text()).startsWith("Hallo,");
    }
}
