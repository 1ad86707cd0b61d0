package dev.prompttracker.application.port.in;

/** Where a request came from, as the edge saw it; kept on sessions so users can recognise them. */
public record ClientInfo(String userAgent, String ip) {
    public static final ClientInfo UNKNOWN = new ClientInfo("", "");

    public ClientInfo {
        userAgent = userAgent == null ? "" : userAgent;
        ip = ip == null ? "" : ip;
    }
}
