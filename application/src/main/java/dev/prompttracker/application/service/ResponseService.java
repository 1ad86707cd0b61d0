package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.AddResponseUseCase;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.DeleteResponseCommand;
import dev.prompttracker.application.port.in.DeleteResponseUseCase;
import dev.prompttracker.application.port.in.DiffResponsesQuery;
import dev.prompttracker.application.port.in.DiffResponsesUseCase;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.ListResponsesUseCase;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdateResponseCommand;
import dev.prompttracker.application.port.in.UpdateResponseUseCase;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.ResponseRepository.Addition;
import dev.prompttracker.application.port.out.ResponseRepository.Change;
import dev.prompttracker.application.port.out.ResponseRepository.Draft;
import dev.prompttracker.application.port.out.ResponseRepository.NewBody;
import dev.prompttracker.application.port.out.ResponseRepository.Removal;
import dev.prompttracker.application.port.out.ResponseRepository.Revision;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Model responses attached to a prompt: only the prompt's owner adds, changes or deletes them. */
final class ResponseService implements AddResponseUseCase, ListResponsesUseCase, UpdateResponseUseCase,
        DeleteResponseUseCase, DiffResponsesUseCase {

    /** Most responses one prompt may hold; keeps a single read bounded. */
    static final int MAX_RESPONSES_PER_PROMPT = 50;

    private final ResponseRepository responses;
    private final PromptAccess access;
    private final Bodies bodies;
    private final Quotas quotas;
    private final Clock clock;
    private final PromptReadModel readModel;
    private final TextDiffs diffs;

    ResponseService(ResponseRepository responses, PromptAccess access, Bodies bodies, Quotas quotas,
                    PromptReadModel readModel, TextDiffs diffs, Clock clock) {
        this.readModel = readModel;
        this.diffs = diffs;
        this.responses = responses;
        this.access = access;
        this.bodies = bodies;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public ResponseView addResponse(AddResponseCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<ModelName> model = check.field(() -> ModelName.parse(command.modelName()));
        Optional<Content> content = check.field(() -> Content.parse(command.content()));
        check.done();
        quotas.write(actor.id());
        PromptId promptId = PromptAccess.parseId(command.promptId());
        access.beforeStoreRead(promptId, actor, ClientInfo.UNKNOWN);
        Instant now = clock.instant();
        Content body = content.orElseThrow();
        BlobKey key = BlobKey.newResponseKey(now);
        Draft draft = new Draft(ResponseId.random(), promptId, model.orElseThrow(), body.preview(), key,
                command.isMarkdown().orElse(true), now, command.promptVersion());
        // One call to the store checks and adds (on D1 each call is a round trip); the rules below decide
        // on what it found, and a refusal removes the body again.
        Response added = readModel.write(actor.id(), Optional.of(promptId), () -> bodies.writeThenRecord(key, body,
                () -> allowed(actor, promptId, command.promptVersion(), responses.addIfAllowed(draft, actor.id(),
                        MAX_RESPONSES_PER_PROMPT, SearchText.ofResponse(key, body)))));
        return new ResponseView(added, body);
    }

    /** The rules of adding a response, in order, on what the store found when it was asked to add it. */
    private Response allowed(Actor.SignedIn actor, PromptId promptId, Optional<Integer> promptVersion,
                             Addition addition) {
        Prompt prompt = access.owned(actor, promptId, addition.prompt());
        if (addition.responsesBefore() >= MAX_RESPONSES_PER_PROMPT) {
            throw new Conflict("a prompt holds at most " + MAX_RESPONSES_PER_PROMPT + " responses");
        }
        int answered = promptVersion.orElse(prompt.textVersion());
        if (answered < 1 || answered > prompt.textVersion()) {
            throw Invalid.field("promptVersion", "must be a version of this prompt, 1 to " + prompt.textVersion());
        }
        return addition.added().orElseThrow(() -> new IllegalStateException("the store refused a response the rules allow"));
    }

    @Override
    public List<ResponseView> listResponses(ListResponsesQuery query) {
        InputCheck check = new InputCheck();
        Optional<Optional<ModelName>> model = check.field(() -> query.modelName() == null || query.modelName().isBlank()
                ? Optional.empty() : Optional.of(ModelName.parse(query.modelName())));
        check.done();
        // The prompt and its responses in one read (the store's order), narrowed to the model here.
        Optional<ModelName> only = model.orElseThrow();
        List<Response> found = access.readableWithResponses(query.actor(), query.promptId(), query.client())
                .responses().stream().filter(r -> only.map(r.modelName()::equals).orElse(true)).toList();
        Map<BlobKey, Content> contents = bodies.readAll(found.stream().map(Response::contentKey).toList());
        return found.stream().map(r -> new ResponseView(r, contents.get(r.contentKey()))).toList();
    }

    @Override
    public ResponseView updateResponse(UpdateResponseCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<Optional<ModelName>> model = check.field(() -> command.modelName().map(ModelName::parse));
        Optional<Optional<Content>> content = check.field(() -> command.content().map(Content::parse));
        check.done();
        quotas.write(actor.id());
        PromptId promptId = PromptAccess.parseId(command.promptId());
        ResponseId id = responseId(actor, command.promptId(), command.responseId());
        access.beforeStoreRead(promptId, actor, ClientInfo.UNKNOWN);
        Instant now = clock.instant();
        Optional<Content> newBody = content.orElseThrow();
        Optional<BlobKey> newKey = newBody.map(body -> BlobKey.newResponseKey(now));
        Revision revision = new Revision(model.orElseThrow(), newBody.map(body -> new NewBody(body.preview(),
                SearchText.ofResponse(newKey.orElseThrow(), body))), command.isMarkdown(), now);
        // One call to the store changes only a response of the owner's prompt; the rules tell from what it
        // found why not (a new body written ahead is removed again then).
        Supplier<Change> change = () -> changed(actor, promptId, responses.update(promptId, id, actor.id(), revision));
        Change done = readModel.write(actor.id(), Optional.of(promptId), () -> newBody.isPresent()
                ? bodies.writeThenRecord(newKey.orElseThrow(), newBody.get(), change) : change.get());
        bodies.deleteUnreferenced(done.replacedKey().stream().toList());
        Response revised = done.changed().orElseThrow();
        return new ResponseView(revised, newBody.orElseGet(() -> bodies.read(revised.contentKey())));
    }

    /** The rules of changing a response, on what the store found when it was asked to change it. */
    private Change changed(Actor.SignedIn actor, PromptId promptId, Change change) {
        access.owned(actor, promptId, change.prompt());
        if (change.changed().isEmpty()) {
            throw new NotFound(PromptAccess.RESPONSE_NOT_FOUND);
        }
        return change;
    }

    @Override
    public void deleteResponse(DeleteResponseCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        quotas.write(actor.id());
        PromptId promptId = PromptAccess.parseId(command.promptId());
        ResponseId id = responseId(actor, command.promptId(), command.responseId());
        access.beforeStoreRead(promptId, actor, ClientInfo.UNKNOWN);
        // One call to the store deletes only from the owner's prompt; the rules tell from what it found why not.
        Removal removal = readModel.write(actor.id(), Optional.of(promptId),
                () -> responses.delete(promptId, id, actor.id()));
        access.owned(actor, promptId, removal.prompt());
        bodies.deleteUnreferenced(List.of(removal.deletedKey()
                .orElseThrow(() -> new NotFound(PromptAccess.RESPONSE_NOT_FOUND))));
    }

    @Override
    public TextDiff diffResponses(DiffResponsesQuery query) {
        PromptWithResponses found = access.readableWithResponses(query.actor(), query.promptId(), query.client());
        Response a = PromptAccess.response(found, query.a());
        Response b = PromptAccess.response(found, query.b());
        Map<BlobKey, Content> texts = bodies.readAll(List.of(a.contentKey(), b.contentKey()));
        return diffs.diff(texts.get(a.contentKey()).value(), texts.get(b.contentKey()).value());
    }

    /**
     * The response id {@code rawId} names; one that names none is answered by the rules of reaching the
     * prompt first, then as not found (one read).
     */
    private ResponseId responseId(Actor.SignedIn actor, String promptId, String rawId) {
        return ResponseId.parse(rawId).orElseGet(() -> owned(actor, promptId, rawId).id());
    }

    /** The response, checked to belong to the named prompt and the prompt to the caller (one read). */
    private Response owned(Actor.SignedIn actor, String promptId, String responseId) {
        return PromptAccess.response(access.ownedWithResponses(actor, promptId), responseId);
    }
}
