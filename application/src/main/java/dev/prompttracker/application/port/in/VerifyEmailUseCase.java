package dev.prompttracker.application.port.in;

/** Use a verification link: the address is proven and the caller is signed in, as after a login. */
public interface VerifyEmailUseCase {

    AuthResult verifyEmail(VerifyEmailCommand command);
}
