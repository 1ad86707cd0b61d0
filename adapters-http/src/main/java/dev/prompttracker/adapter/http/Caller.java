package dev.prompttracker.adapter.http;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Unauthenticated;
import io.netty.util.AttributeKey;

import java.util.Optional;

/**
 * Who is calling, as {@link AuthDecorator} found it for the current request. A request without
 * credentials is anonymous (use cases decide whether that is enough); one with bad credentials is
 * refused wherever the caller matters.
 */
public final class Caller {
    static final AttributeKey<Actor> ACTOR = AttributeKey.valueOf(Caller.class, "ACTOR");
    static final AttributeKey<Boolean> REJECTED = AttributeKey.valueOf(Caller.class, "REJECTED");
    static final AttributeKey<ClientInfo> CLIENT = AttributeKey.valueOf(Caller.class, "CLIENT");

    private Caller() {
    }

    public static Actor actor() {
        ServiceRequestContext ctx = ServiceRequestContext.current();
        if (Boolean.TRUE.equals(ctx.attr(REJECTED))) {
            throw new Unauthenticated("invalid or expired token");
        }
        Actor actor = ctx.attr(ACTOR);
        return actor == null ? Actor.ANONYMOUS : actor;
    }

    /** The caller of the current request, or empty when its credentials were refused. */
    public static Optional<Actor> actorIfAccepted() {
        ServiceRequestContext ctx = ServiceRequestContext.current();
        if (Boolean.TRUE.equals(ctx.attr(REJECTED))) {
            return Optional.empty();
        }
        Actor actor = ctx.attr(ACTOR);
        return Optional.of(actor == null ? Actor.ANONYMOUS : actor);
    }

    /** Whether the request of {@code ctx} has no signed-in caller (no credentials, or refused ones). */
    public static boolean isAnonymous(ServiceRequestContext ctx) {
        return !(ctx.attr(ACTOR) instanceof Actor.SignedIn) || Boolean.TRUE.equals(ctx.attr(REJECTED));
    }

    public static ClientInfo client() {
        ClientInfo client = ServiceRequestContext.current().attr(CLIENT);
        return client == null ? ClientInfo.UNKNOWN : client;
    }
}
