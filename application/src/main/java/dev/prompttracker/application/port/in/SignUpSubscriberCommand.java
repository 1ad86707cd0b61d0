package dev.prompttracker.application.port.in;

/** Join the email list. Raw input; {@code discountCode} and the source fields are optional. */
public record SignUpSubscriberCommand(String email, String firstName, String lastName, String discountCode,
                                      String referrer, String utmSource, String utmMedium, String utmCampaign,
                                      ClientInfo client) {
}
