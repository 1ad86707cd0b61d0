package dev.prompttracker.adapter.http;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.web.WebApp;
import dev.prompttracker.proto.v1.Collection;
import dev.prompttracker.proto.v1.CreateCollectionRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser app as the edge serves it, from a class path laid out like the real one (the app's
 * folder and a WebJar): the HTML with a strict policy and versioned URLs, assets cached for good and
 * compressed, client-side routes answered with the app, the API's answers untouched, and share pages
 * that name their prompt.
 */
class WebAppEdgeTest {
    private static final String TEMPLATE = """
            <!doctype html>
            <html lang="en"><head>
            <title>prompt-tracker</title>
            <meta name="description" content="Default description.">
            <meta property="og:type" content="website">
            <meta property="og:title" content="prompt-tracker">
            <meta property="og:description" content="Default description.">
            <link rel="stylesheet" href="/assets/lib/fakelib/style.css">
            <script type="importmap">{"imports": {"fakelib": "/assets/lib/fakelib/index.js"}}</script>
            <script type="module" src="/assets/app/js/main.js"></script>
            </head><body><div id="app"></div></body></html>
            """;
    private static final String MAIN_JS = "export const app = '" + "prompt-tracker ".repeat(200) + "';\n";
    private static final WebApp WEB = WebApp.fromClasspath(fakeClasspath()).orElseThrow();

    @RegisterExtension
    static final EdgeServer server = new EdgeServer().withWebApp(WEB);

    private static ClassLoader fakeClasspath() {
        try {
            Path root = Files.createTempDirectory(Path.of("target"), "web-classpath");
            write(root.resolve("web/app/index.html"), TEMPLATE);
            write(root.resolve("web/app/js/main.js"), MAIN_JS);
            write(root.resolve("META-INF/maven/org.webjars.npm/fakelib/pom.properties"), "version=1.2.3\n");
            write(root.resolve("META-INF/resources/webjars/fakelib/1.2.3/index.js"), "export const lib = 1;\n");
            write(root.resolve("META-INF/resources/webjars/fakelib/1.2.3/style.css"), "body{margin:0}\n");
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static BlockingWebClient client() {
        return server.blockingWebClient();
    }

    private static AggregatedHttpResponse get(String path, String... headers) {
        RequestHeadersBuilder request = RequestHeaders.builder(HttpMethod.GET, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.add(headers[i], headers[i + 1]);
        }
        return client().execute(request.build());
    }

    private static String appUrl(String html) {
        Matcher script = Pattern.compile("src=\"(/assets/app/[0-9a-f]+/js/main\\.js)\"").matcher(html);
        assertThat(script.find()).as(html).isTrue();
        return script.group(1);
    }

    @Test
    void theAppIsServedWithAStrictPolicyAndVersionedUrls() throws Exception {
        AggregatedHttpResponse page = get("/");
        assertThat(page.status().code()).isEqualTo(200);
        assertThat(page.contentType().toString()).startsWith("text/html");
        assertThat(page.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        String html = page.contentUtf8();
        assertThat(html).contains("/assets/lib/fakelib/1.2.3/style.css", "\"/assets/lib/fakelib/1.2.3/index.js\"")
                .doesNotContain("/assets/app/js/main.js");
        String policy = page.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY);
        assertThat(policy).contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        Matcher importMap = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(importMap.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(policy).as("the import map, the one inline script, is allowed by its hash only")
                .contains("script-src 'self' 'sha256-" + hash + "'");
    }

    @Test
    void assetsAreCachedForGoodCompressedAndRevalidated() throws Exception {
        String url = appUrl(get("/").contentUtf8());
        AggregatedHttpResponse plain = get(url);
        assertThat(plain.status().code()).isEqualTo(200);
        assertThat(plain.contentType().toString()).startsWith("text/javascript");
        assertThat(plain.contentUtf8()).isEqualTo(MAIN_JS);
        assertThat(plain.headers().get(HttpHeaderNames.CACHE_CONTROL)).contains("immutable", "max-age=31536000");
        assertThat(plain.headers().get(HttpHeaderNames.VARY)).containsIgnoringCase("accept-encoding")
                .containsIgnoringCase("origin");

        AggregatedHttpResponse gzipped = get(url, "accept-encoding", "gzip, br");
        assertThat(gzipped.headers().get(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(gzipped.content().length()).isLessThan(MAIN_JS.length() / 4);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.content().array()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(MAIN_JS);
        }

        String etag = plain.headers().get(HttpHeaderNames.ETAG);
        assertThat(get(url, "if-none-match", etag).status().code()).isEqualTo(304);

        String older = url.replaceFirst("/assets/app/[0-9a-f]+/", "/assets/app/0123456789abcdef/");
        AggregatedHttpResponse stale = get(older);
        assertThat(stale.status().code()).as("a page from before a new version still gets its files").isEqualTo(200);
        assertThat(stale.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");

        AggregatedHttpResponse library = get("/assets/lib/fakelib/1.2.3/index.js");
        assertThat(library.status().code()).isEqualTo(200);
        assertThat(library.headers().get(HttpHeaderNames.CACHE_CONTROL)).contains("immutable");
    }

    @Test
    void onlyTheAppsOwnFilesAndTheNamedLibrariesAreServed() {
        String url = appUrl(get("/").contentUtf8());
        assertThat(get(url.replace("js/main.js", "index.html")).status().code()).isEqualTo(404);
        assertThat(get(url.replace("js/main.js", "js/other.js")).status().code()).isEqualTo(404);
        assertThat(get("/assets/lib/fakelib/9.9.9/index.js").status().code()).isEqualTo(404);
        assertThat(get("/assets/lib/fakelib/1.2.3/missing.js").status().code()).isEqualTo(404);
        assertThat(get("/assets/lib/otherlib/1.0.0/index.js").status().code()).isEqualTo(404);
        assertThat(get("/assets/lib/fakelib/1.2.3/..%2F..%2F..%2F..%2Fmaven/org.webjars.npm/fakelib/pom.properties")
                .status().code()).isIn(400, 404);
        assertThat(get("/assets/lib/fakelib/1.2.3/../../../../maven/org.webjars.npm/fakelib/pom.properties")
                .status().code()).isIn(400, 404);
    }

    @Test
    void clientSideRoutesGetTheAppAndTheApisAnswersStayAsTheyWere() {
        for (String route : new String[] {"/prompts", "/prompts/new", "/prompts/abc", "/explore", "/signin",
                "/register", "/handbook", "/account", "/admin", "/auth/verify", "/auth/verify-email", "/leaderboard",
                "/collections", "/collections/abc"}) {
            AggregatedHttpResponse page = get(route + "?token=x");
            assertThat(page.status().code()).as(route).isEqualTo(200);
            assertThat(page.contentUtf8()).as(route).contains("<div id=\"app\">");
        }
        AggregatedHttpResponse api = get("/api/no-such-thing");
        assertThat(api.status().code()).isEqualTo(404);
        assertThat(api.contentType().toString()).startsWith("application/problem+json");
        assertThat(get("/no-such-page").status().code()).isEqualTo(404);
        assertThat(client().prepare().post("/").execute().status().code()).isIn(404, 405);
    }

    @Test
    void aSharedPublicPromptNamesItselfInTheHtmlAndAPrivateOneNothing() {
        var rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Prompt shared = rest.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder()
                .setTitle("<Haiku> & \"friends\"").setContent("Write a haiku about SQLite and its friends")
                .setIsPublic(true).build()).ok();
        Prompt secret = rest.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder()
                .setTitle("Secret plans").setContent("Not for anyone's eyes").build()).ok();

        AggregatedHttpResponse page = get("/p/" + shared.getId());
        assertThat(page.status().code()).isEqualTo(200);
        assertThat(page.contentUtf8())
                .contains("<title>&lt;Haiku&gt; &amp; &quot;friends&quot; · prompt-tracker</title>")
                .contains("<meta property=\"og:title\" content=\"&lt;Haiku&gt; &amp; &quot;friends&quot;\">")
                .contains("<meta property=\"og:description\" content=\"Write a haiku about SQLite and its friends\">")
                .contains("<meta property=\"og:type\" content=\"article\">")
                .doesNotContain("<Haiku>");

        for (String hidden : new String[] {secret.getId(), "00000000-0000-4000-8000-000000000000", "not-an-id"}) {
            AggregatedHttpResponse missing = get("/p/" + hidden);
            assertThat(missing.status().code()).as(hidden).isEqualTo(404);
            assertThat(missing.contentUtf8()).contains("<div id=\"app\">").doesNotContain("Secret plans")
                    .contains("<title>Prompt not found · prompt-tracker</title>");
        }
    }

    @Test
    void aSharedPublicCollectionNamesItselfInTheHtmlAndAPrivateOneNothing() {
        var rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Collection shared = rest.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder()
                .setName("Haiku <favourites>").setDescription("Short poems & the models that wrote them")
                .setIsPublic(true).build()).ok();
        Collection undescribed = rest.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder()
                .setName("Drafts to share").setIsPublic(true).build()).ok();
        Collection secret = rest.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder()
                .setName("Secret shelf").build()).ok();

        AggregatedHttpResponse page = get("/c/" + shared.getId());
        assertThat(page.status().code()).isEqualTo(200);
        assertThat(page.contentUtf8())
                .contains("<title>Haiku &lt;favourites&gt; · prompt-tracker</title>")
                .contains("<meta property=\"og:description\" content=\"Short poems &amp; the models that wrote them\">")
                .contains("<div id=\"app\">");
        assertThat(get("/c/" + undescribed.getId()).contentUtf8())
                .contains("<meta property=\"og:description\" content=\"A collection of 0 prompts\">");

        for (String hidden : new String[] {secret.getId(), "00000000-0000-4000-8000-000000000000", "not-an-id"}) {
            AggregatedHttpResponse missing = get("/c/" + hidden);
            assertThat(missing.status().code()).as(hidden).isEqualTo(404);
            assertThat(missing.contentUtf8()).contains("<div id=\"app\">").doesNotContain("Secret shelf")
                    .contains("<title>Collection not found · prompt-tracker</title>");
        }
    }
}
