package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.Cached;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.CreatePromptUseCase;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.DeletePromptUseCase;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.ListCachedPromptsUseCase;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.ListPromptsUseCase;
import dev.prompttracker.application.port.in.ListPublicPromptsQuery;
import dev.prompttracker.application.port.in.ListPublicPromptsUseCase;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.in.UpdatePromptUseCase;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.search.SearchText;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Saving, listing, reading, changing and deleting prompts. */
final class PromptService implements CreatePromptUseCase, ListPromptsUseCase, ListPublicPromptsUseCase,
        ListCachedPromptsUseCase, GetPromptUseCase, GetCachedPromptUseCase, UpdatePromptUseCase, DeletePromptUseCase {

    private final PromptRepository prompts;
    private final PromptAccess access;
    private final Bodies bodies;
    private final Quotas quotas;
    private final Clock clock;
    private final PromptReadModel readModel;

    PromptService(PromptRepository prompts, PromptAccess access, Bodies bodies, Quotas quotas,
                  PromptReadModel readModel, Clock clock) {
        this.readModel = readModel;
        this.prompts = prompts;
        this.access = access;
        this.bodies = bodies;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public PromptView createPrompt(CreatePromptCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<Optional<Title>> title = check.field(() -> Title.parseOptional(command.title()));
        Optional<Content> content = check.field(() -> Content.parse(command.content()));
        Optional<Tags> tags = check.field(() -> Tags.parse(command.tags()));
        check.done();
        quotas.write(actor.id());
        Instant now = clock.instant();
        Content body = content.orElseThrow();
        BlobKey key = BlobKey.newPromptKey(now);
        Prompt prompt = new Prompt(PromptId.random(), actor.id(), title.orElseThrow(), body.preview(), key,
                command.isPublic(), tags.orElseThrow(), now, now, 1, 1);
        readModel.write(actor.id(), Optional.of(prompt.id()),
                () -> bodies.writeThenRecord(key, body, () -> prompts.create(prompt, SearchText.ofPrompt(key, body))));
        return new PromptView(prompt, body, List.of());
    }

    @Override
    public Page<PromptSummary> listPrompts(ListPromptsQuery query) {
        PromptReadModel.ListKey key = ownerListKey(query);
        return readModel.page(key, () -> prompts.listByOwner(key.owner(), key.filter(), key.page()));
    }

    @Override
    public Optional<Cached<Page<PromptSummary>>> listCachedPrompts(ListPromptsQuery query) {
        if (!(query.actor() instanceof Actor.SignedIn)) {
            return Optional.empty();
        }
        PromptReadModel.ListKey key;
        try {
            key = ownerListKey(query);
        } catch (Invalid invalid) {
            return Optional.empty();
        }
        return readModel.page(key);
    }

    private static PromptReadModel.ListKey ownerListKey(ListPromptsQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        InputCheck check = new InputCheck();
        Optional<PageRequest> page = check.field(() -> pageRequest(query.pageSize(), query.pageToken()));
        Optional<Optional<Tag>> tag = check.field(() -> optionalTag(query.tag()));
        check.done();
        return new PromptReadModel.ListKey(actor.id(), new PromptRepository.PromptFilter(tag.orElseThrow()),
                page.orElseThrow());
    }

    @Override
    public Page<PromptSummary> listPublicPrompts(ListPublicPromptsQuery query) {
        InputCheck check = new InputCheck();
        Optional<PageRequest> pageRequest = check.field(() -> pageRequest(query.pageSize(), query.pageToken()));
        Optional<Optional<Tag>> tag = check.field(() -> optionalTag(query.tag()));
        check.done();
        PromptReadModel.ListKey key = new PromptReadModel.ListKey(null,
                new PromptRepository.PromptFilter(tag.orElseThrow()), pageRequest.orElseThrow());
        return readModel.page(key, () -> {
            if (query.actor() instanceof Actor.Anonymous) {
                quotas.anonymousRead(query.client());
            }
            return prompts.listPublic(tag.orElseThrow(), key.page());
        });
    }

    @Override
    public PromptView getPrompt(GetPromptQuery query) {
        PromptId id = PromptAccess.parseId(query.promptId());
        PromptView view = readModel.view(id, () -> assemble(id, query));
        PromptAccess.checkReadable(query.actor(), view.prompt());
        return view;
    }

    /** The prompt with its responses and every body, read from the stores for a caller who may read it. */
    private PromptView assemble(PromptId id, GetPromptQuery query) {
        access.beforeStoreRead(id, query.actor(), query.client());
        PromptWithResponses found = prompts.findWithResponses(id).orElseThrow(() -> access.missing(id));
        PromptAccess.checkReadable(query.actor(), found.prompt());
        return bodies.view(found, Map.of());
    }

    @Override
    public Optional<Cached<PromptView>> getCachedPrompt(GetPromptQuery query) {
        Optional<PromptId> id = PromptId.parse(query.promptId());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return readModel.view(id.get()).filter(view -> view.value().prompt().isReadableBy(query.actor().userId()));
    }

    @Override
    public PromptView updatePrompt(UpdatePromptCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<Optional<Optional<Title>>> title = check.field(() -> command.title().map(Title::parseOptional));
        Optional<Optional<Content>> content = check.field(() -> command.content().map(Content::parse));
        Optional<Optional<Tags>> tags = check.field(() -> command.tags().map(Tags::parse));
        Optional<Optional<VersionMessage>> message = check.field(
                () -> command.versionMessage().flatMap(VersionMessage::parseOptional));
        check.done();
        quotas.write(actor.id());
        Prompt current = access.owned(actor, command.promptId());
        Instant now = clock.instant();
        // The same text again is no change: it keeps its body and its version.
        Optional<Content> newBody = content.orElseThrow().filter(body -> !sameText(current, body));
        BlobKey key = newBody.isPresent() ? BlobKey.newPromptKey(now) : current.contentKey();
        Prompt revised = current.revise(
                title.orElseThrow().orElse(current.title()),
                newBody.map(Content::preview).orElse(current.contentPreview()),
                key,
                command.isPublic().orElse(current.isPublic()),
                tags.orElseThrow().orElse(current.tags()),
                now);
        Optional<PromptVersion> version = current.textChangedIn(revised)
                ? Optional.of(PromptVersion.of(revised, actor.id(), message.orElseThrow()))
                : Optional.empty();
        // Earlier versions keep referring to the old body: it goes only with the prompt. The update reads
        // the prompt back with its responses, which is the answer.
        return readModel.writeThenView(actor.id(), current.id(), () -> newBody.isPresent()
                ? bodies.writeThenRecord(key, newBody.get(), () -> prompts.update(revised, version,
                        Optional.of(SearchText.ofPrompt(key, newBody.get()))))
                : prompts.update(revised, version, Optional.empty()),
                found -> bodies.view(found, newBody.map(body -> Map.of(key, body)).orElse(Map.of())));
    }

    /** Whether {@code body} is the prompt's current text; the body is read only when the previews agree. */
    private boolean sameText(Prompt current, Content body) {
        return body.preview().equals(current.contentPreview()) && bodies.read(current.contentKey()).equals(body);
    }

    @Override
    public void deletePrompt(DeletePromptCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        quotas.write(actor.id());
        PromptId id = PromptAccess.parseId(command.promptId());
        access.beforeStoreRead(id, actor, ClientInfo.UNKNOWN);
        // One call to the store deletes only the owner's prompt; when it kept the prompt, the rules tell why.
        PromptRepository.Deletion deletion = readModel.write(actor.id(), Optional.of(id),
                () -> prompts.delete(id, actor.id()));
        if (!deletion.deleted()) {
            access.owned(actor, id, deletion.kept());
            throw new IllegalStateException("the store kept a prompt its owner deleted");
        }
        bodies.deleteUnreferenced(deletion.keys());
    }

    static PageRequest pageRequest(int size, String token) {
        InputCheck check = new InputCheck();
        Optional<PageSize> pageSize = check.field(() -> PageSize.of(size));
        Optional<Optional<PageCursor>> cursor = check.field(() -> PageCursor.parse(token));
        check.done();
        return new PageRequest(pageSize.orElseThrow(), cursor.orElseThrow());
    }

    private static Optional<Tag> optionalTag(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Tag.parse(raw));
        } catch (Invalid invalid) {
            throw Invalid.field("tag", "must be 1 to " + Tag.MAX_LENGTH + " characters without control characters");
        }
    }
}
