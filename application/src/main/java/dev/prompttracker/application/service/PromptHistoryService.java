package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.DiffPromptVersionsQuery;
import dev.prompttracker.application.port.in.DiffPromptVersionsUseCase;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptVersionQuery;
import dev.prompttracker.application.port.in.GetPromptVersionUseCase;
import dev.prompttracker.application.port.in.ListPromptVersionsQuery;
import dev.prompttracker.application.port.in.ListPromptVersionsUseCase;
import dev.prompttracker.application.port.in.PromptVersionView;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.RestorePromptVersionCommand;
import dev.prompttracker.application.port.in.RestorePromptVersionUseCase;
import dev.prompttracker.application.port.in.VersionPage;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.search.SearchText;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A prompt's versions: listing and reading them, comparing two, and restoring an earlier one. */
final class PromptHistoryService implements ListPromptVersionsUseCase, GetPromptVersionUseCase,
        RestorePromptVersionUseCase, DiffPromptVersionsUseCase {
    static final String VERSION_NOT_FOUND = "version not found";
    private static final String TOKEN_PREFIX = "pv1|";

    private final PromptRepository prompts;
    private final PromptAccess access;
    private final Bodies bodies;
    private final Quotas quotas;
    private final PromptReadModel readModel;
    private final TextDiffs diffs;
    private final GetPromptUseCase reads;
    private final Clock clock;

    PromptHistoryService(PromptRepository prompts, PromptAccess access, Bodies bodies, Quotas quotas,
                         PromptReadModel readModel, TextDiffs diffs, GetPromptUseCase reads, Clock clock) {
        this.prompts = prompts;
        this.access = access;
        this.bodies = bodies;
        this.quotas = quotas;
        this.readModel = readModel;
        this.diffs = diffs;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public VersionPage listPromptVersions(ListPromptVersionsQuery query) {
        InputCheck check = new InputCheck();
        Optional<PageSize> size = check.field(() -> PageSize.of(query.pageSize()));
        Optional<Optional<Integer>> before = check.field(() -> parseToken(query.pageToken()));
        check.done();
        int limit = size.orElseThrow().value();
        List<PromptVersion> found = access.readableWith(query.actor(), query.promptId(), query.client(),
                id -> prompts.findWithVersionPage(id, limit + 1, before.orElseThrow()), PromptWithVersions::prompt)
                .versions();
        List<PromptVersion> page = found.stream().limit(limit).toList();
        return new VersionPage(page, found.size() > limit ? token(page.getLast().number()) : "");
    }

    @Override
    public PromptVersionView getPromptVersion(GetPromptVersionQuery query) {
        PromptWithVersions found = access.readableWith(query.actor(), query.promptId(), query.client(),
                id -> prompts.findWithVersions(id, Set.of(query.number())), PromptWithVersions::prompt);
        PromptVersion version = version(found, query.number());
        return new PromptVersionView(version, bodies.read(version.contentKey()));
    }

    @Override
    public TextDiff diffPromptVersions(DiffPromptVersionsQuery query) {
        Set<Integer> numbers = new HashSet<>(List.of(query.from(), query.to()));
        PromptWithVersions found = access.readableWith(query.actor(), query.promptId(), query.client(),
                id -> prompts.findWithVersions(id, numbers), PromptWithVersions::prompt);
        PromptVersion from = version(found, query.from());
        PromptVersion to = version(found, query.to());
        Map<BlobKey, Content> texts = bodies.readAll(List.of(from.contentKey(), to.contentKey()));
        return diffs.diff(texts.get(from.contentKey()).value(), texts.get(to.contentKey()).value());
    }

    @Override
    public PromptView restorePromptVersion(RestorePromptVersionCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        Optional<VersionMessage> message = command.message().flatMap(VersionMessage::parseOptional);
        quotas.write(actor.id());
        PromptWithVersions found = access.ownedWith(actor, command.promptId(),
                id -> prompts.findWithVersions(id, Set.of(command.number())), PromptWithVersions::prompt);
        Prompt current = found.prompt();
        PromptVersion old = version(found, command.number());
        Prompt revised = current.revise(old.title(), old.contentPreview(), old.contentKey(), current.isPublic(),
                current.tags(), clock.instant());
        if (!current.textChangedIn(revised)) {
            return reads.getPrompt(new GetPromptQuery(actor, current.id().value()));
        }
        Optional<VersionMessage> described = message.or(() -> Optional.of(
                new VersionMessage("Restored v" + old.number())));
        // The index keeps only current bodies' text: the restored body is read to index it again.
        Optional<Content> restoredBody = revised.contentKey().equals(current.contentKey()) ? Optional.empty()
                : Optional.of(bodies.read(old.contentKey()));
        Optional<SearchText> text = restoredBody.map(body -> SearchText.ofPrompt(old.contentKey(), body));
        // The update reads the prompt back with its responses, which is the answer.
        return readModel.writeThenView(actor.id(), current.id(), () -> prompts.update(revised,
                Optional.of(PromptVersion.of(revised, actor.id(), described)), text),
                after -> bodies.view(after, restoredBody.map(body -> Map.of(old.contentKey(), body)).orElse(Map.of())));
    }

    /** The version numbered {@code number}, read with its prompt. */
    private static PromptVersion version(PromptWithVersions found, int number) {
        if (number < 1 || number > found.prompt().textVersion()) {
            throw new NotFound(VERSION_NOT_FOUND);
        }
        return found.version(number).orElseThrow(() -> new NotFound(VERSION_NOT_FOUND));
    }

    private static String token(int beforeNumber) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + beforeNumber).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Integer> parseToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Invalid invalid = Invalid.field("pageToken", "is not a page token issued by this server");
        try {
            String plain = token.length() > 40 ? "" : new String(Base64.getUrlDecoder().decode(token),
                    StandardCharsets.UTF_8);
            if (!plain.startsWith(TOKEN_PREFIX)) {
                throw invalid;
            }
            int before = Integer.parseInt(plain.substring(TOKEN_PREFIX.length()));
            if (before < 2) {
                throw invalid;
            }
            return Optional.of(before);
        } catch (IllegalArgumentException malformed) {
            throw invalid;
        }
    }
}
