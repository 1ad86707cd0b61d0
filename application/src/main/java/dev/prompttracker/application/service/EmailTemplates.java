package dev.prompttracker.application.service;

import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.subscriber.PersonName;

/** Turns a job into the email a person reads. A job missing what its template needs cannot be sent. */
final class EmailTemplates {
    private EmailTemplates() {
    }

    static MailMessage render(EmailJob job) {
        return switch (job.kind()) {
            case MAGIC_LINK -> magicLink(job);
        };
    }

    private static MailMessage magicLink(EmailJob job) {
        String link = required(job, "link");
        String minutes = job.parameters().getOrDefault("expiresInMinutes", "15");
        String greeting = PersonName.sanitize(job.parameters().get("firstName")).map(name -> "Hi " + name.value() + ",")
                .orElse("Hi,");
        String body = greeting + "\n\n"
                + "Use this link to sign in to the handbook. It works once and expires in " + minutes + " minutes:\n\n"
                + link + "\n\n"
                + "If you did not ask for it, ignore this email: nobody can sign in without the link.\n";
        return new MailMessage(job.to(), "Your sign-in link", body);
    }

    private static String required(EmailJob job, String parameter) {
        String value = job.parameters().get(parameter);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(job.kind() + " job " + job.id() + " has no " + parameter);
        }
        return value;
    }
}
