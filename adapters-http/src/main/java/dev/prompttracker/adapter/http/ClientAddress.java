package dev.prompttracker.adapter.http;

import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

import java.net.InetAddress;

/**
 * The client's address for a request: the socket peer, or, behind {@link TrustedProxies}, the address
 * they forwarded. Authentication, rate limits and the access log all read it from here.
 */
public final class ClientAddress {
    private static final AttributeKey<InetAddress> FORWARDED = AttributeKey.valueOf(ClientAddress.class, "FORWARDED");

    private ClientAddress() {
    }

    public static InetAddress of(ServiceRequestContext ctx) {
        InetAddress forwarded = ctx.attr(FORWARDED);
        return forwarded == null ? ctx.remoteAddress().getAddress() : forwarded;
    }

    /** Resolves the address once per request, before any service or decorator asks for it. */
    static DecoratingHttpServiceFunction resolvedBy(TrustedProxies proxies) {
        return (delegate, ctx, req) -> {
            ctx.setAttr(FORWARDED, proxies.clientAddress(ctx.remoteAddress().getAddress(), req.headers()));
            return delegate.serve(ctx, req);
        };
    }
}
