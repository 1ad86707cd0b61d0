package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;

/**
 * Headers every response carries, errors included: the request id (also in the server's logs), and
 * OWASP's API defaults: no caching of possibly personal data, no MIME sniffing, no framing.
 */
final class SecurityHeadersDecorator extends SimpleDecoratingHttpService {

    SecurityHeadersDecorator(HttpService delegate) {
        super(delegate);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        ctx.mutateAdditionalResponseHeaders(headers -> headers
                .set(HttpEdge.REQUEST_ID_HEADER, ctx.id().text())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, "frame-ancestors 'none'")
                .set("referrer-policy", "no-referrer"));
        return unwrap().serve(ctx, req);
    }
}
