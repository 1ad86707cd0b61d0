package dev.prompttracker.adapter.http.grpc;

import com.google.protobuf.Timestamp;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.SessionView;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.application.port.in.SearchResults;
import dev.prompttracker.domain.search.Highlighted;
import dev.prompttracker.domain.search.SearchHit;
import dev.prompttracker.proto.v1.SearchPromptsResponse;
import dev.prompttracker.proto.v1.TextPart;

import dev.prompttracker.application.port.in.VersionPage;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.diff.DiffHunk;
import dev.prompttracker.domain.diff.DiffSegment;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.proto.v1.DiffOp;
import dev.prompttracker.proto.v1.ListPromptVersionsResponse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Domain and application values to their proto messages. The only place that knows both shapes. */
final class ProtoMapper {
    private ProtoMapper() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static dev.prompttracker.proto.v1.User user(User user, Role role) {
        return dev.prompttracker.proto.v1.User.newBuilder()
                .setId(user.id().value())
                .setUsername(user.username().value())
                .setEmail(user.email().value())
                .setRole(role.name())
                .setCreatedAt(timestamp(user.createdAt()))
                .setEmailVerified(user.emailVerified())
                .setHasPassword(user.passwordHash().isPresent())
                .build();
    }

    static dev.prompttracker.proto.v1.AuthResult authResult(AuthResult result) {
        return dev.prompttracker.proto.v1.AuthResult.newBuilder()
                .setUser(user(result.user(), result.role()))
                .setAccessToken(result.accessToken())
                .setRefreshToken(result.refreshToken())
                .setExpiresIn(Math.toIntExact(result.expiresIn().toSeconds()))
                .build();
    }

    static dev.prompttracker.proto.v1.Session session(SessionView view) {
        Session session = view.session();
        return dev.prompttracker.proto.v1.Session.newBuilder()
                .setId(session.id().value())
                .setCreatedAt(timestamp(session.createdAt()))
                .setLastUsedAt(timestamp(session.lastUsedAt()))
                .setExpiresAt(timestamp(session.expiresAt()))
                .setUserAgent(session.userAgent())
                .setIp(session.ip())
                .setCurrent(view.current())
                .build();
    }

    static dev.prompttracker.proto.v1.Prompt prompt(PromptView view) {
        Prompt prompt = view.prompt();
        dev.prompttracker.proto.v1.Prompt.Builder builder = dev.prompttracker.proto.v1.Prompt.newBuilder()
                .setId(prompt.id().value())
                .setOwnerId(prompt.ownerId().value())
                .setTitle(prompt.title().map(Title::value).orElse(""))
                .setContent(view.content().value())
                .setContentPreview(prompt.contentPreview().value())
                .setIsPublic(prompt.isPublic())
                .addAllTags(prompt.tags().strings())
                .setCreatedAt(timestamp(prompt.createdAt()))
                .setUpdatedAt(timestamp(prompt.updatedAt()))
                .setTextVersion(prompt.textVersion());
        view.responses().forEach(response -> builder.addResponses(response(response)));
        return builder.build();
    }

    static SearchPromptsResponse searchResults(SearchResults results) {
        SearchPromptsResponse.Builder builder = SearchPromptsResponse.newBuilder()
                .setNextPageToken(results.nextPageToken().orElse(""));
        for (SearchHit hit : results.hits()) {
            builder.addHits(dev.prompttracker.proto.v1.SearchHit.newBuilder()
                    .setPrompt(summary(hit.summary()))
                    .addAllTitle(parts(hit.title()))
                    .addAllSnippet(parts(hit.snippet())));
        }
        return builder.build();
    }

    /** A search as a list page (ListPrompts and ListPublicPrompts with q): summaries in relevance order. */
    static ListPromptsResponse searchAsList(SearchResults results) {
        ListPromptsResponse.Builder builder = ListPromptsResponse.newBuilder()
                .setNextPageToken(results.nextPageToken().orElse(""));
        results.hits().forEach(hit -> builder.addPrompts(summary(hit.summary())));
        return builder.build();
    }

    private static List<TextPart> parts(Highlighted text) {
        return text.parts().stream()
                .map(part -> TextPart.newBuilder().setText(part.text()).setMatch(part.match()).build())
                .toList();
    }

    static dev.prompttracker.proto.v1.PromptSummary summary(PromptSummary summary) {
        Prompt prompt = summary.prompt();
        return dev.prompttracker.proto.v1.PromptSummary.newBuilder()
                .setId(prompt.id().value())
                .setOwnerId(prompt.ownerId().value())
                .setTitle(prompt.title().map(Title::value).orElse(""))
                .setContentPreview(prompt.contentPreview().value())
                .setIsPublic(prompt.isPublic())
                .addAllTags(prompt.tags().strings())
                .setCreatedAt(timestamp(prompt.createdAt()))
                .setUpdatedAt(timestamp(prompt.updatedAt()))
                .setResponseCount(summary.responseCount())
                .setTextVersion(prompt.textVersion())
                .build();
    }

    static ListPromptsResponse promptPage(Page<PromptSummary> page) {
        ListPromptsResponse.Builder builder = ListPromptsResponse.newBuilder()
                .setNextPageToken(page.next().map(PageCursor::token).orElse(""));
        page.items().forEach(item -> builder.addPrompts(summary(item)));
        return builder.build();
    }

    static dev.prompttracker.proto.v1.Response response(ResponseView view) {
        var response = view.response();
        return dev.prompttracker.proto.v1.Response.newBuilder()
                .setId(response.id().value())
                .setPromptId(response.promptId().value())
                .setModelName(response.modelName().value())
                .setContent(view.content().value())
                .setContentPreview(response.contentPreview().value())
                .setIsMarkdown(response.isMarkdown())
                .setCreatedAt(timestamp(response.createdAt()))
                .setUpdatedAt(timestamp(response.updatedAt()))
                .setPromptVersion(response.promptVersion())
                .build();
    }

    static dev.prompttracker.proto.v1.PromptVersion version(PromptVersion version, Optional<Content> content) {
        return dev.prompttracker.proto.v1.PromptVersion.newBuilder()
                .setPromptId(version.promptId().value())
                .setNumber(version.number())
                .setTitle(version.title().map(Title::value).orElse(""))
                .setContent(content.map(Content::value).orElse(""))
                .setContentPreview(version.contentPreview().value())
                .setAuthorId(version.authorId().value())
                .setMessage(version.message().map(VersionMessage::value).orElse(""))
                .setCreatedAt(timestamp(version.createdAt()))
                .build();
    }

    static ListPromptVersionsResponse versionPage(VersionPage page) {
        ListPromptVersionsResponse.Builder builder = ListPromptVersionsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        page.versions().forEach(version -> builder.addVersions(version(version, Optional.empty())));
        return builder.build();
    }

    static dev.prompttracker.proto.v1.TextDiff diff(TextDiff diff) {
        dev.prompttracker.proto.v1.TextDiff.Builder builder = dev.prompttracker.proto.v1.TextDiff.newBuilder()
                .setLinesInserted(diff.linesInserted())
                .setLinesDeleted(diff.linesDeleted())
                .setWordLevel(diff.wordLevel())
                .setIdentical(diff.identical());
        for (DiffHunk hunk : diff.hunks()) {
            dev.prompttracker.proto.v1.DiffHunk.Builder proto = builder.addHunksBuilder()
                    .setFromLine(hunk.fromLine())
                    .setFromCount(hunk.fromCount())
                    .setToLine(hunk.toLine())
                    .setToCount(hunk.toCount())
                    .setChanged(hunk.changed());
            for (DiffSegment segment : hunk.segments()) {
                proto.addSegmentsBuilder().setOp(switch (segment.op()) {
                    case EQUAL -> DiffOp.DIFF_OP_EQUAL;
                    case INSERT -> DiffOp.DIFF_OP_INSERT;
                    case DELETE -> DiffOp.DIFF_OP_DELETE;
                }).setText(segment.text());
            }
        }
        return builder.build();
    }
}
