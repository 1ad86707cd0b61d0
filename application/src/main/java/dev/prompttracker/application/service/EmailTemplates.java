package dev.prompttracker.application.service;

import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.user.Email;

import java.time.Duration;
import java.util.Optional;

/** The emails a person reads. */
final class EmailTemplates {
    private EmailTemplates() {
    }

    static MailMessage signInLink(Email to, String link, Duration lifetime, Optional<String> firstName) {
        String body = greeting(firstName) + "\n\n"
                + "Use this link to sign in to the handbook. It works once and expires in " + lifetime.toMinutes()
                + " minutes:\n\n"
                + link + "\n\n"
                + "If you did not ask for it, ignore this email: nobody can sign in without the link.\n";
        return new MailMessage(to, "Your sign-in link", body);
    }

    static MailMessage verifyEmail(Email to, String link, Duration lifetime) {
        String body = "Hi,\n\n"
                + "Someone created a prompt-tracker account with this address. If it was you, confirm the address "
                + "with this link (it works once and expires in " + lifetime.toHours() + " hours):\n\n"
                + link + "\n\n"
                + "If it was not you, ignore this email: the address stays unconfirmed. If you confirm it without "
                + "having created the account, any password set on it is removed and you are signed in instead.\n";
        return new MailMessage(to, "Confirm your email address", body);
    }

    /** The name through the domain's name rule again: a stored or queued name may predate the rule. */
    private static String greeting(Optional<String> firstName) {
        return firstName.flatMap(PersonName::sanitize).map(name -> "Hi " + name.value() + ",").orElse("Hi,");
    }
}
