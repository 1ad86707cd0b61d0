package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.application.port.in.AuthenticateUseCase;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.domain.error.Unauthenticated;

import java.util.List;
import java.util.function.Function;

/**
 * Authenticates every API request in process from its {@code Authorization: Bearer} header (gRPC
 * metadata and HTTP alike) and records the caller for {@link Caller}. Only the header counts: a
 * token in the query string is never looked at. Verification is an HMAC and a map lookup, cheap
 * enough for the event loop; no store is read per request.
 */
public final class AuthDecorator extends SimpleDecoratingHttpService {
    private static final String BEARER = "bearer ";
    private static final int MAX_USER_AGENT = 512;

    private final AuthenticateUseCase authenticate;

    private AuthDecorator(HttpService delegate, AuthenticateUseCase authenticate) {
        super(delegate);
        this.authenticate = authenticate;
    }

    public static Function<? super HttpService, AuthDecorator> newDecorator(AuthenticateUseCase authenticate) {
        return delegate -> new AuthDecorator(delegate, authenticate);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        RequestHeaders headers = req.headers();
        String userAgent = headers.get(HttpHeaderNames.USER_AGENT, "");
        ctx.setAttr(Caller.CLIENT, ClientInfo.of(
                userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent,
                ClientAddress.of(ctx)));
        List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (!authorization.isEmpty()) {
            try {
                ctx.setAttr(Caller.ACTOR, authenticate.authenticate(bearerToken(authorization)));
            } catch (Unauthenticated rejected) {
                ctx.setAttr(Caller.REJECTED, true);
            }
        }
        return unwrap().serve(ctx, req);
    }

    /** Exactly one header of the form {@code Bearer <token>}; anything else is a bad credential. */
    private static String bearerToken(List<String> authorization) {
        if (authorization.size() != 1) {
            throw new Unauthenticated("invalid or expired token");
        }
        String value = authorization.getFirst();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Unauthenticated("invalid or expired token");
        }
        return value.substring(BEARER.length());
    }
}
