package dev.prompttracker.application.port.in;

/** (Re)send the link that proves the signed-in account's email address. */
public interface SendVerificationEmailUseCase {

    /** True when a link was queued; false when the address is proven already (nothing to send). */
    boolean sendVerificationEmail(SendVerificationEmailCommand command);
}
