package dev.prompttracker.application.port.in;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a request came from, as the edge saw it. {@code ip} is the full address, kept on sessions
 * and access logs so users can recognise them; {@code rateLimitKey} is what per-address limits count
 * by (see {@link #of}).
 */
public record ClientInfo(String userAgent, String ip, String rateLimitKey) {
    public static final ClientInfo UNKNOWN = new ClientInfo("", "");
    private static final int IPV6_NETWORK_BYTES = 8;

    public ClientInfo {
        userAgent = userAgent == null ? "" : userAgent;
        ip = ip == null ? "" : ip;
        rateLimitKey = rateLimitKey == null || rateLimitKey.isEmpty() ? ip : rateLimitKey;
    }

    /** A client whose limits count by its whole {@code ip}. */
    public ClientInfo(String userAgent, String ip) {
        this(userAgent, ip, ip);
    }

    /**
     * The client at {@code address}. An IPv4 client is counted by its address; an IPv6 client by its
     * /64, because one subscriber is routinely given a whole /64 and could otherwise take fresh
     * buckets at will. An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) is the IPv4 client it names.
     */
    public static ClientInfo of(String userAgent, InetAddress address) {
        InetAddress client = unmapped(address);
        if (client instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(client.getAddress(), 16);
            Arrays.fill(network, IPV6_NETWORK_BYTES, network.length, (byte) 0);
            return new ClientInfo(userAgent, client.getHostAddress(), literal(network).getHostAddress() + "/64");
        }
        return new ClientInfo(userAgent, client.getHostAddress());
    }

    /** {@code ::ffff:a.b.c.d} as {@code a.b.c.d}; any other address as it is. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff
                ? literal(Arrays.copyOfRange(bytes, 12, 16))
                : address;
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // raw bytes: no name lookup
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }
}
