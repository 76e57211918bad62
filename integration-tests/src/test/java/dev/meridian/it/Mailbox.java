package dev.meridian.it;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** The mails a test's GreenMail server received, found by recipient and subject and read as a mail reader would. */
final class Mailbox {

    private final GreenMailExtension server;

    Mailbox(GreenMailExtension server) {
        this.server = server;
    }

    /** The first mail with {@code subject} for {@code email}, waiting for it to arrive. */
    MimeMessage mailTo(String email, String subject) throws Exception {
        DeliveryIT.eventually(() -> !mailsTo(email, subject).isEmpty(), "a mail '" + subject + "' to " + email);
        return mailsTo(email, subject).get(0);
    }

    /** The mails with {@code subject} the SMTP server received for {@code email} so far, in order. */
    List<MimeMessage> mailsTo(String email, String subject) {
        return Arrays.stream(server.getReceivedMessagesForDomain(email))
                .filter(mail -> subjectOf(mail).equals(subject)).toList();
    }

    /** The text part of {@code mail}, decoded. */
    static String textOf(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part in the mail");
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
