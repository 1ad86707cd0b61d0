package dev.prompttracker.application.port.in;

/** Set or change the signed-in account's password; the account's other sessions end. */
public interface SetPasswordUseCase {

    void setPassword(SetPasswordCommand command);
}
