package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.util.InetAddressPredicates;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The proxies whose forwarding headers are believed ({@code TRUSTED_PROXIES}), and the client address
 * that follows from them. Only when the socket peer is one of them are headers read at all:
 * {@code X-Forwarded-For} is walked from the right, over trusted hops, to the first address that is
 * not trusted — each proxy appends the address it saw, so that is the nearest one no trusted proxy
 * vouches for, and anything a client wrote further left is ignored. A malformed entry ends the walk
 * at the last trusted hop. {@code CF-Connecting-IP} is used only when there is no
 * {@code X-Forwarded-For}: it is a single header any hop could have passed through unchanged, while
 * the walk rests on what the trusted proxies appended themselves.
 *
 * <p>Armeria's own resolution ({@code ServerBuilder.clientAddressTrustedProxyFilter}) is left off:
 * it takes the left-most acceptable {@code X-Forwarded-For} entry, which the client writes.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());
    static final AsciiString CF_CONNECTING_IP = HttpHeaderNames.of("cf-connecting-ip");

    private final List<String> blocks;
    private final List<Predicate<InetAddress>> matchers;

    private TrustedProxies(List<String> blocks, List<Predicate<InetAddress>> matchers) {
        this.blocks = List.copyOf(blocks);
        this.matchers = List.copyOf(matchers);
    }

    /**
     * Comma-separated CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a
     * block of one. Parsed without any name lookup; a bad entry is an {@link IllegalArgumentException}
     * naming it.
     */
    public static TrustedProxies parse(String list) {
        List<String> blocks = new ArrayList<>();
        List<Predicate<InetAddress>> matchers = new ArrayList<>();
        for (String raw : list.split(",")) {
            String block = raw.strip();
            if (!block.isEmpty()) {
                matchers.add(block(block));
                blocks.add(block);
            }
        }
        return new TrustedProxies(blocks, matchers);
    }

    private static Predicate<InetAddress> block(String block) {
        int slash = block.indexOf('/');
        String addressText = slash < 0 ? block : block.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addressText);
        if (bytes == null || addressText.startsWith("[")) {
            throw new IllegalArgumentException("'" + block + "' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32");
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(addressText);
        int bits = bytes.length * 8;
        int prefix = slash < 0 ? bits : prefixLength(block, block.substring(slash + 1), bits);
        if (address instanceof Inet4Address && bytes.length == 16) {
            // ::ffff:a.b.c.d/n names the IPv4 block a.b.c.d/(n - 96).
            if (prefix < 96) {
                throw new IllegalArgumentException("'" + block + "' mixes IPv4-mapped and other IPv6 addresses");
            }
            prefix -= 96;
            bytes = address.getAddress();
            bits = 32;
        }
        if (prefix == 0) {
            throw new IllegalArgumentException("'" + block + "' would trust every client to name its own address");
        }
        for (int bit = prefix; bit < bits; bit++) {
            if ((bytes[bit / 8] >> (7 - bit % 8) & 1) != 0) {
                throw new IllegalArgumentException("'" + block + "' has bits set past its /" + prefix + " prefix");
            }
        }
        return InetAddressPredicates.ofCidr(address, prefix);
    }

    private static int prefixLength(String block, String text, int bits) {
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) > bits) {
            throw new IllegalArgumentException("'" + block + "' needs a prefix length from 1 to " + bits);
        }
        return Integer.parseInt(text);
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    public boolean contains(InetAddress address) {
        for (Predicate<InetAddress> matcher : matchers) {
            if (matcher.test(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client of a request that arrived from {@code peer} with {@code headers}. */
    public InetAddress clientAddress(InetAddress peer, HttpHeaders headers) {
        if (!contains(peer)) {
            return peer;
        }
        List<String> forwardedFor = headers.getAll(HttpHeaderNames.X_FORWARDED_FOR);
        if (forwardedFor.isEmpty()) {
            List<String> connecting = headers.getAll(CF_CONNECTING_IP);
            InetAddress named = connecting.size() == 1 ? literal(connecting.getFirst()) : null;
            return named == null ? peer : named;
        }
        InetAddress hop = peer;
        for (int line = forwardedFor.size() - 1; line >= 0; line--) {
            String[] entries = forwardedFor.get(line).split(",", -1);
            for (int i = entries.length - 1; i >= 0; i--) {
                InetAddress entry = literal(entries[i]);
                if (entry == null) {
                    return hop;
                }
                if (!contains(entry)) {
                    return entry;
                }
                hop = entry;
            }
        }
        return hop;
    }

    /** An IP literal (no port, no brackets, no name), or null. Never looks a name up. */
    private static InetAddress literal(String text) {
        String value = text.strip();
        return value.isEmpty() || value.startsWith("[") ? null : NetUtil.createInetAddressFromIpAddressString(value);
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "none" : String.join(",", blocks);
    }
}
