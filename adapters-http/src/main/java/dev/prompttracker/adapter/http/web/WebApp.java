package dev.prompttracker.adapter.http.web;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.RouteBuilder;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.ClientAddress;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetCollectionQuery;
import dev.prompttracker.application.port.in.GetCollectionUseCase;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser app, served by the product on the API's port. Its files ({@value #APP_FOLDER} on the
 * classpath, from the {@code web} module) are served under a URL holding a hash of them all, its
 * libraries (WebJars) under their version: both may be cached for good. The HTML, which names those
 * URLs, is never cached; it carries a strict Content-Security-Policy, and for a public prompt's share
 * page ({@code /p/{id}}) the prompt's title and preview, for a public collection's ({@code /c/{id}}) its
 * name and description, so that a pasted link unfurls. Every
 * client-side route answers with that HTML; the API's routes and its 404s are untouched.
 */
public final class WebApp {
    static final String APP_FOLDER = "web/app/";
    static final String APP_PREFIX = "/assets/app/";
    static final String LIBRARY_PREFIX = "/assets/lib/";
    /** The app's client-side routes (exact, or a prefix when ending with '/'). */
    static final List<String> PAGES = List.of("/", "/signin", "/register", "/explore", "/handbook", "/account", "/account/",
            "/prompts", "/prompts/", "/admin", "/admin/", "/auth/", "/leaderboard", "/collections", "/collections/");
    private static final System.Logger LOG = System.getLogger(WebApp.class.getName());
    private static final Pattern LIBRARY_URL = Pattern.compile(Pattern.quote(LIBRARY_PREFIX) + "([a-z0-9_.-]+)/");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./-]+");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String DEFAULT_TITLE = "prompt-tracker";
    private static final int TITLE_LENGTH = 70;

    private final AppFiles files;
    private final Map<String, Asset> app = new LinkedHashMap<>();
    private final String bundle;
    private final Map<String, AppFiles.Library> libraries = new LinkedHashMap<>();
    private final Map<String, Asset> libraryFiles = new ConcurrentHashMap<>();
    private final String page;
    private final String contentSecurityPolicy;

    private WebApp(AppFiles files, Map<String, byte[]> appFiles) {
        this.files = files;
        StringBuilder all = new StringBuilder();
        appFiles.forEach((name, bytes) -> {
            app.put(name, Asset.of(name, bytes));
            all.append(name).append('\0').append(Asset.sha256(bytes)).append('\0');
        });
        this.bundle = Asset.sha256(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        String template = new String(appFiles.get("index.html"), StandardCharsets.UTF_8);
        Matcher library = LIBRARY_URL.matcher(template);
        StringBuilder html = new StringBuilder();
        while (library.find()) {
            String name = library.group(1);
            AppFiles.Library found = libraries.computeIfAbsent(name, n -> files.library(n).orElseThrow(() ->
                    new IllegalStateException("the web app names the library " + n + ", which is not on the classpath")));
            library.appendReplacement(html, Matcher.quoteReplacement(LIBRARY_PREFIX + name + "/" + found.version() + "/"));
        }
        library.appendTail(html);
        this.page = html.toString().replace(APP_PREFIX, APP_PREFIX + bundle + "/");
        Matcher importMap = IMPORT_MAP.matcher(page);
        String mapHash = importMap.find() ? "'sha256-" + Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex(Asset.sha256(importMap.group(1).getBytes(StandardCharsets.UTF_8))))
                + "'" : "";
        // Only the import map is inline, allowed by its hash; no inline script, no eval, nothing from elsewhere.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self' " + mapHash + "; style-src 'self'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /** The app on this class loader's classpath, or empty when the {@code web} module is not there. */
    public static Optional<WebApp> fromClasspath(ClassLoader loader) {
        AppFiles files = new AppFiles(loader);
        if (files.read(APP_FOLDER + "index.html").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebApp(files, files.readFolder(APP_FOLDER)));
    }

    /** The app's routes on {@code sb}; the share pages read what they name through the same use cases as the API. */
    public void install(ServerBuilder sb, GetCachedPromptUseCase cachedPrompts, GetPromptUseCase prompts,
                        GetCollectionUseCase collections) {
        sb.service(Route.builder().methods(HttpMethod.GET, HttpMethod.HEAD).pathPrefix(APP_PREFIX).build(),
                (ctx, req) -> appFile(ctx, req));
        sb.service(Route.builder().methods(HttpMethod.GET, HttpMethod.HEAD).pathPrefix(LIBRARY_PREFIX).build(),
                (ctx, req) -> libraryFile(ctx, req));
        HttpService appPage = (ctx, req) -> page(ctx, HttpStatus.OK, Optional.empty());
        for (String route : PAGES) {
            RouteBuilder builder = Route.builder().methods(HttpMethod.GET, HttpMethod.HEAD);
            Route matching = route.length() > 1 && route.endsWith("/") ? builder.pathPrefix(route).build()
                    : builder.exact(route).build();
            sb.service(matching, appPage);
        }
        sb.service(Route.builder().methods(HttpMethod.GET, HttpMethod.HEAD).path("/p/{id}").build(),
                (ctx, req) -> sharePage(ctx, cachedPrompts, prompts));
        sb.service(Route.builder().methods(HttpMethod.GET, HttpMethod.HEAD).path("/c/{id}").build(),
                (ctx, req) -> collectionPage(ctx, collections));
    }

    /** The hash in the app's asset URLs: it changes whenever any of the app's files does. */
    String bundle() {
        return bundle;
    }

    private HttpResponse appFile(ServiceRequestContext ctx, HttpRequest req) {
        String rest = ctx.path().substring(APP_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return HttpResponse.of(HttpStatus.NOT_FOUND);
        }
        Asset asset = app.get(rest.substring(slash + 1));
        if (asset == null || rest.substring(slash + 1).equals("index.html")) {
            return HttpResponse.of(HttpStatus.NOT_FOUND);
        }
        // A page loaded before a new version may still ask for its files: answered, but not for good.
        boolean current = rest.substring(0, slash).equals(bundle);
        return serve(ctx, req, asset, current ? IMMUTABLE : "no-cache");
    }

    private HttpResponse libraryFile(ServiceRequestContext ctx, HttpRequest req) {
        String[] parts = ctx.path().substring(LIBRARY_PREFIX.length()).split("/", 3);
        if (parts.length < 3 || !SAFE_PATH.matcher(parts[2]).matches() || parts[2].contains("..")) {
            return HttpResponse.of(HttpStatus.NOT_FOUND);
        }
        AppFiles.Library library = libraries.get(parts[0]);
        if (library == null || !library.version().equals(parts[1])) {
            return HttpResponse.of(HttpStatus.NOT_FOUND);
        }
        String key = library.name() + "/" + parts[2];
        Asset asset = libraryFiles.get(key);
        if (asset == null) {
            Optional<byte[]> bytes = files.read(library.root() + parts[2]);
            if (bytes.isEmpty()) {
                return HttpResponse.of(HttpStatus.NOT_FOUND);
            }
            asset = libraryFiles.computeIfAbsent(key, k -> Asset.of(parts[2], bytes.get()));
        }
        return serve(ctx, req, asset, IMMUTABLE);
    }

    private static HttpResponse serve(ServiceRequestContext ctx, HttpRequest req, Asset asset, String cacheControl) {
        ctx.mutateAdditionalResponseHeaders(headers -> headers
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
                .set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING.toString()));
        if (asset.etag().equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NOT_MODIFIED)
                    .set(HttpHeaderNames.ETAG, asset.etag()).build());
        }
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK).contentType(asset.type())
                .set(HttpHeaderNames.ETAG, asset.etag());
        byte[] body = asset.bytes();
        String accepted = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "");
        if (asset.gzipped().isPresent() && accepted.contains("gzip")) {
            body = asset.gzipped().get();
            headers.set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
        }
        return HttpResponse.of(headers.build(), HttpData.wrap(body));
    }

    private HttpResponse sharePage(ServiceRequestContext ctx, GetCachedPromptUseCase cachedPrompts,
                                   GetPromptUseCase prompts) {
        String id = ctx.pathParam("id");
        Optional<PromptView> cached = cachedPrompts.getCachedPrompt(new GetPromptQuery(Actor.ANONYMOUS, id))
                .map(found -> found.value());
        if (cached.isPresent()) {
            return page(ctx, HttpStatus.OK, Optional.of(PageMeta.of(cached.get())));
        }
        ClientInfo client = ClientInfo.of(ctx.request().headers().get(HttpHeaderNames.USER_AGENT, ""),
                ClientAddress.of(ctx));
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
            try {
                return page(ctx, HttpStatus.OK, Optional.of(PageMeta.of(prompts.getPrompt(
                        new GetPromptQuery(Actor.ANONYMOUS, id, client)))));
            } catch (DomainException notShown) {
                // Missing, private, rate limited or unavailable: the app says which; the page names nothing.
                LOG.log(System.Logger.Level.DEBUG, () -> "share page " + id + " without its prompt: "
                        + notShown.getClass().getSimpleName());
                return page(ctx, HttpStatus.NOT_FOUND, Optional.of(new PageMeta("Prompt not found", "")));
            }
        }, ctx.blockingTaskExecutor()));
    }

    private HttpResponse collectionPage(ServiceRequestContext ctx, GetCollectionUseCase collections) {
        String id = ctx.pathParam("id");
        ClientInfo client = ClientInfo.of(ctx.request().headers().get(HttpHeaderNames.USER_AGENT, ""),
                ClientAddress.of(ctx));
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
            try {
                // One prompt is enough: the page needs the collection's name, description and count.
                return page(ctx, HttpStatus.OK, Optional.of(PageMeta.of(collections.getCollection(
                        new GetCollectionQuery(Actor.ANONYMOUS, id, 1, "", client)).summary())));
            } catch (DomainException notShown) {
                LOG.log(System.Logger.Level.DEBUG, () -> "share page of collection " + id + " without it: "
                        + notShown.getClass().getSimpleName());
                return page(ctx, HttpStatus.NOT_FOUND, Optional.of(new PageMeta("Collection not found", "")));
            }
        }, ctx.blockingTaskExecutor()));
    }

    private HttpResponse page(ServiceRequestContext ctx, HttpStatus status, Optional<PageMeta> meta) {
        ctx.mutateAdditionalResponseHeaders(headers -> headers
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, contentSecurityPolicy));
        String html = meta.map(m -> m.applyTo(page)).orElse(page);
        return HttpResponse.of(status, MediaType.HTML_UTF_8, html);
    }

    /** What a shared link shows before the app runs: the prompt's title and the start of its text. */
    record PageMeta(String title, String description) {
        static PageMeta of(PromptView view) {
            String preview = view.prompt().contentPreview().value();
            String title = view.prompt().title().map(t -> t.value()).filter(t -> !t.isBlank())
                    .orElse(preview.length() > TITLE_LENGTH ? preview.substring(0, TITLE_LENGTH) + "…" : preview);
            return new PageMeta(title, preview);
        }

        static PageMeta of(CollectionSummary summary) {
            String description = summary.collection().description().value();
            int count = summary.promptCount();
            return new PageMeta(summary.collection().name().value(), description.isBlank()
                    ? "A collection of " + count + (count == 1 ? " prompt" : " prompts") : description);
        }

        String applyTo(String page) {
            String title = escape(this.title);
            String description = escape(this.description);
            return page
                    .replaceFirst("<title>[^<]*</title>",
                            Matcher.quoteReplacement("<title>" + title + " · " + DEFAULT_TITLE + "</title>"))
                    .replaceFirst("(<meta property=\"og:title\" content=\")[^\"]*(\">)",
                            "$1" + Matcher.quoteReplacement(title) + "$2")
                    .replaceFirst("(<meta property=\"og:description\" content=\")[^\"]*(\">)",
                            "$1" + Matcher.quoteReplacement(description) + "$2")
                    .replaceFirst("(<meta name=\"description\" content=\")[^\"]*(\">)",
                            "$1" + Matcher.quoteReplacement(description) + "$2")
                    .replaceFirst("(<meta property=\"og:type\" content=\")[^\"]*(\">)", "$1article$2");
        }

        private static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> {
                        if (!Character.isISOControl(c)) {
                            out.appendCodePoint(c);
                        } else {
                            out.append(' ');
                        }
                    }
                }
            });
            return out.toString();
        }
    }
}
