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
    void carriesEachLinkAndWhenItStopsWorkingInEveryPart() {
        String link = "https://app.example.org/some-link#token=abc_DEF-123";
        for (String kind : new String[] {"PASSWORD_RESET", "EMAIL_VERIFICATION", "WELCOME"}) {
            for (String language : new String[] {"en", "de"}) {
                RenderedMail mail = templates.render(kind, language, Map.of("displayName", "Ada", "link", link,
                        "linkExpiresAt", "2026-11-22 14:05 UTC"));

                assertThat(mail.subject()).as(kind + " " + language).isNotBlank();
                assertThat(mail.text()).as(kind + " " + language).contains(link, "2026-11-22 14:05 UTC");
                assertThat(mail.html()).as(kind + " " + language)
                        .contains("<a href=\"" + link + "\">", "2026-11-22 14:05 UTC");
            }
        }
    }

    @Test
    void greetsWithoutALinkWhenTheWelcomeMailHasNone() {
        // a welcome mail held before verification links existed, sent after an upgrade
        RenderedMail mail = templates.render("WELCOME", "en", Map.of("displayName", "Ada"));

        assertThat(mail.text()).doesNotContain("link").contains("If you did not register");
        assertThat(mail.html()).doesNotContain("<a href");
    }

    @Test
    void confirmsAPasswordChangeWithoutNamingAnyone() {
        RenderedMail mail = templates.render("PASSWORD_CHANGED", "de", Map.of());

        assertThat(mail.subject()).isEqualTo("Ihr Meridian-Passwort wurde geändert");
        assertThat(mail.text()).startsWith("Hallo,");
    }
}
