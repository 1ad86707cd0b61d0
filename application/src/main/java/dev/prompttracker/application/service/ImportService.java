package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.application.port.in.ImportDataCommand;
import dev.prompttracker.application.port.in.ImportDataUseCase;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportReport;
import dev.prompttracker.application.port.in.ImportReport.Kind;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.DomainException;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.Stars;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Imports an upload record by record (transfer.proto's ImportData). Each record is one atomic write,
 * or skipped with a reason; a prompt is written together with its versions, whose bodies go to the blob
 * store as their lines arrive (so memory holds one body, not a prompt's history), and are deleted again
 * when the prompt is not written. Ids: a record of the caller's own export keeps its id; any other
 * record gets a name-based id of the caller and the record, so a second import finds it and adds
 * nothing. An id the caller already has is "already present", never overwritten; an id of someone
 * else's is skipped.
 */
final class ImportService implements ImportDataUseCase {
    /** Records per import: past it the import stops with TooLarge (the records before it stay). */
    static final int MAX_RECORDS = 200_000;
    /** Versions one imported prompt may bring: bounds what the import keeps per prompt (metadata only). */
    static final int MAX_VERSIONS_PER_PROMPT = 1_000;
    /** Imports running at once on this server; each holds a connection and a thread for minutes. */
    static final int MAX_CONCURRENT_IMPORTS = 4;
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** The field of an Invalid that refuses the whole upload rather than one record. */
    static final String FILE = "file";

    private final PromptRepository prompts;
    private final ResponseRepository responses;
    private final RatingRepository ratings;
    private final CollectionRepository collections;
    private final PromptAccess access;
    private final Bodies bodies;
    private final PromptReadModel readModel;
    private final Quotas quotas;
    private final Clock clock;
    private final Set<UserId> running = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT_IMPORTS);

    ImportService(PromptRepository prompts, ResponseRepository responses, RatingRepository ratings,
                  CollectionRepository collections, PromptAccess access, Bodies bodies, PromptReadModel readModel,
                  Quotas quotas, Clock clock) {
        this.prompts = prompts;
        this.responses = responses;
        this.ratings = ratings;
        this.collections = collections;
        this.access = access;
        this.bodies = bodies;
        this.readModel = readModel;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public ImportReport importData(ImportDataCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        quotas.write(actor.id());
        if (!running.add(actor.id())) {
            throw new RateLimited("an import of yours is still running; try again when it is done", RETRY_AFTER);
        }
        try {
            if (!slots.tryAcquire()) {
                throw new RateLimited("the server is busy with other imports; try again in a minute", RETRY_AFTER);
            }
            try {
                return new Run(actor.id(), command.format()).run(command.items());
            } finally {
                slots.release();
            }
        } finally {
            running.remove(actor.id());
        }
    }

    /** A record that cannot be imported: reported with its reason, the import goes on. */
    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One import: the ids it accepted, the prompt whose versions are being read, and the report so far. */
    private final class Run {
        private final UserId caller;
        private final String format;
        private final Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
        private final List<ImportReport.Issue> skipped = new ArrayList<>();
        private final List<ImportReport.Issue> notes = new ArrayList<>();
        /** The caller's prompts this import created or found, with their text version. */
        private final Map<PromptId, Integer> accepted = new HashMap<>();
        private int skippedCount;
        private int records;
        /** Whose export this is (from its header); empty until the header is read. */
        private Optional<String> fileOwner = Optional.empty();
        private PendingPrompt pending;

        Run(UserId caller, String format) {
            this.caller = caller;
            this.format = format;
            for (Kind kind : Kind.values()) {
                counts.put(kind, new int[2]);
            }
        }

        ImportReport run(Iterator<ImportItem> items) {
            try {
                while (items.hasNext()) {
                    ImportItem item = items.next();
                    if (!(item instanceof ImportItem.OwnVersion)) {
                        flush();
                    }
                    if (++records > MAX_RECORDS) {
                        throw new TooLarge("an import holds at most " + MAX_RECORDS
                                + " records; the ones before " + item.location() + " were imported");
                    }
                    handle(item);
                }
                flush();
            } catch (RuntimeException stopped) {
                abandon();
                throw stopped;
            }
            Map<Kind, ImportReport.Count> totals = new EnumMap<>(Kind.class);
            counts.forEach((kind, n) -> totals.put(kind, new ImportReport.Count(n[0], n[1])));
            return new ImportReport(format, totals, skippedCount, skipped, notes);
        }

        private void handle(ImportItem item) {
            try {
                switch (item) {
                    case ImportItem.OwnHeader header -> header(header);
                    case ImportItem.OwnPrompt prompt -> startPrompt(prompt);
                    case ImportItem.OwnVersion version -> version(version);
                    case ImportItem.OwnResponse response -> response(response);
                    case ImportItem.OwnRating rating -> rating(rating);
                    case ImportItem.OwnPreference preference -> preference(preference);
                    case ImportItem.OwnCollection collection -> collection(collection);
                    case ImportItem.ForeignPrompt foreign -> foreign(foreign);
                    case ImportItem.Unreadable unreadable -> skip(unreadable.location(), unreadable.reason());
                }
            } catch (Refused | IllegalArgumentException refused) {
                skip(item.location(), refused.getMessage());
            } catch (Unavailable | RateLimited stop) {
                throw stop;
            } catch (Invalid invalid) {
                if (invalid.fieldErrors().stream().anyMatch(error -> error.field().equals(FILE))) {
                    throw invalid; // the upload is not this format at all
                }
                skip(item.location(), invalid.getMessage());
            } catch (DomainException refused) {
                skip(item.location(), refused.getMessage());
            }
        }

        // ---- our own export

        private void header(ImportItem.OwnHeader header) {
            if (fileOwner.isPresent()) {
                throw new Refused("a second header; the first one counts");
            }
            if (!header.format().equals(ExportEntry.FORMAT) || header.formatVersion() != ExportEntry.FORMAT_VERSION) {
                throw Invalid.field(FILE, "is not a " + ExportEntry.FORMAT + " export of format version "
                        + ExportEntry.FORMAT_VERSION + " (its header says " + header.format() + " "
                        + header.formatVersion() + ")");
            }
            fileOwner = Optional.of(header.ownerId());
        }

        /** Whether the file is the caller's own export: its records keep their ids. */
        private boolean own() {
            return fileOwner.orElseThrow(() -> Invalid.field(FILE,
                    "must begin with the header line of a " + ExportEntry.FORMAT + " export")).equals(caller.value());
        }

        private void checkOwner(String ownerId) {
            if (!ownerId.equals(fileOwner.orElseThrow())) {
                throw new Refused("its owner is not the one the header names");
            }
        }

        private PromptId promptId(String raw) {
            boolean own = own();
            PromptId source = PromptId.parse(raw).orElseThrow(() -> new Refused("the prompt id is not a UUID"));
            return own ? source : new PromptId(Uuids.nameBased(caller.value(), "prompt", source.value()));
        }

        private ResponseId responseId(String raw) {
            boolean own = own();
            ResponseId source = ResponseId.parse(raw).orElseThrow(() -> new Refused("the response id is not a UUID"));
            return own ? source : new ResponseId(Uuids.nameBased(caller.value(), "response", source.value()));
        }

        private void startPrompt(ImportItem.OwnPrompt record) {
            PromptId id = promptId(record.id());
            pending = new PendingPrompt(record, id);
            try {
                checkOwner(record.ownerId());
                pending.title = Title.parseOptional(record.title());
                pending.text = Content.parse(record.text());
                pending.tags = Tags.parse(record.tags());
                if (record.updatedAt().isBefore(record.createdAt())) {
                    throw new Refused("it was updated before it was created");
                }
                Optional<Prompt> existing = prompts.findById(id);
                if (existing.isPresent()) {
                    if (!existing.get().isOwnedBy(caller)) {
                        throw new Refused("its id is taken by a prompt of another account");
                    }
                    pending.state = State.PRESENT;
                    accepted.put(id, existing.get().textVersion());
                    count(Kind.PROMPT, false);
                }
            } catch (RuntimeException refused) {
                pending.state = State.SKIPPED;
                throw refused;
            }
        }

        private void version(ImportItem.OwnVersion record) {
            if (pending == null || !pending.record.id().equals(record.promptId())) {
                throw new Refused("a version must follow the line of its prompt");
            }
            switch (pending.state) {
                case PRESENT -> count(Kind.VERSION, false);
                case SKIPPED, FAILED -> throw new Refused("its prompt was not imported");
                case READING -> {
                    try {
                        pending.add(record);
                    } catch (Refused | IllegalArgumentException | Invalid | TooLarge refused) {
                        pending.fail(record.location() + ": " + refused.getMessage());
                    }
                }
            }
        }

        /** Writes the prompt whose versions were being read, with them, or skips it. */
        private void flush() {
            PendingPrompt prompt = pending;
            pending = null;
            if (prompt == null) {
                return;
            }
            if (prompt.state == State.FAILED) {
                bodies.deleteUnreferenced(prompt.written);
                skip(prompt.record.location(), "a version of it was refused (" + prompt.failure + ")");
                return;
            }
            if (prompt.state != State.READING) {
                return;
            }
            try {
                write(prompt);
            } catch (Refused | IllegalArgumentException refused) {
                bodies.deleteUnreferenced(prompt.written);
                skip(prompt.record.location(), refused.getMessage());
            } catch (Unavailable | RateLimited stop) {
                throw stop;
            } catch (DomainException refused) {
                bodies.deleteUnreferenced(prompt.written);
                skip(prompt.record.location(), refused.getMessage());
            }
        }

        private void write(PendingPrompt pendingPrompt) {
            ImportItem.OwnPrompt record = pendingPrompt.record;
            Content text = pendingPrompt.text;
            BlobKey key = pendingPrompt.keyFor(text);
            List<PromptVersion> versions = pendingPrompt.versions;
            int textVersion;
            if (versions.isEmpty()) {
                textVersion = 1;
                versions = List.of(new PromptVersion(pendingPrompt.id, 1, pendingPrompt.title, text.preview(), key,
                        caller, Optional.empty(), record.updatedAt()));
            } else {
                PromptVersion last = versions.getLast();
                textVersion = last.number();
                if (record.textVersion() != textVersion) {
                    throw new Refused("it is at version " + record.textVersion() + " but its versions end at "
                            + textVersion);
                }
                if (!last.contentKey().equals(key) || !last.title().equals(pendingPrompt.title)) {
                    throw new Refused("its last version is not its current title and text");
                }
            }
            Prompt prompt = new Prompt(pendingPrompt.id, caller, pendingPrompt.title, text.preview(), key,
                    record.isPublic(), pendingPrompt.tags, record.createdAt(), record.updatedAt(), 1, textVersion);
            List<PromptVersion> written = versions;
            readModel.write(caller, Optional.of(prompt.id()),
                    () -> prompts.importPrompt(prompt, written, SearchText.ofPrompt(key, text)));
            access.exists(prompt.id());
            accepted.put(prompt.id(), textVersion);
            count(Kind.PROMPT, true);
            for (int i = 0; i < written.size(); i++) {
                count(Kind.VERSION, true);
            }
        }

        /** Forgets a prompt whose versions were cut off by a failure of the whole upload. */
        private void abandon() {
            if (pending != null && pending.state == State.READING) {
                bodies.deleteUnreferenced(pending.written);
            }
            pending = null;
        }

        private void response(ImportItem.OwnResponse record) {
            PromptId promptId = promptId(record.promptId());
            ResponseId id = responseId(record.id());
            ModelName model = ModelName.parse(record.modelName());
            Content body = Content.parse(record.text());
            if (record.updatedAt().isBefore(record.createdAt())) {
                throw new Refused("it was updated before it was created");
            }
            int textVersion = ownPrompt(promptId);
            Optional<Response> existing = responses.findById(id);
            if (existing.isPresent()) {
                if (!existing.get().promptId().equals(promptId)) {
                    throw new Refused("its id is taken by a response of another prompt");
                }
                count(Kind.RESPONSE, false);
                return;
            }
            if (record.promptVersion() < 1 || record.promptVersion() > textVersion) {
                throw new Refused("it answers version " + record.promptVersion() + ", which its prompt does not have");
            }
            createResponse(new Response(id, promptId, model, body.preview(), BlobKey.newResponseKey(clock.instant()),
                    record.isMarkdown(), record.createdAt(), record.updatedAt(), 1, record.promptVersion()), body);
        }

        private void createResponse(Response response, Content body) {
            if (responses.countByPrompt(response.promptId()) >= ResponseService.MAX_RESPONSES_PER_PROMPT) {
                throw new Refused("a prompt holds at most " + ResponseService.MAX_RESPONSES_PER_PROMPT + " responses");
            }
            readModel.write(caller, Optional.of(response.promptId()), () -> bodies.writeThenRecord(
                    response.contentKey(), body,
                    () -> responses.create(response, SearchText.ofResponse(response.contentKey(), body))));
            count(Kind.RESPONSE, true);
        }

        /** The text version of the caller's prompt, which this import created or found; else the record is refused. */
        private int ownPrompt(PromptId id) {
            Integer known = accepted.get(id);
            if (known != null) {
                return known;
            }
            Prompt prompt = prompts.findById(id).filter(p -> p.isOwnedBy(caller))
                    .orElseThrow(() -> new Refused("its prompt was not imported"));
            accepted.put(id, prompt.textVersion());
            return prompt.textVersion();
        }

        /** A response of {@code prompt} the caller may read, for a judgement. */
        private Response judged(PromptId prompt, ResponseId id) {
            if (!accepted.containsKey(prompt) && prompts.findById(prompt)
                    .filter(p -> p.isReadableBy(Optional.of(caller))).isEmpty()) {
                throw new Refused("its prompt was not imported");
            }
            return responses.findById(id).filter(r -> r.promptId().equals(prompt))
                    .orElseThrow(() -> new Refused("its response was not imported"));
        }

        private void rating(ImportItem.OwnRating record) {
            PromptId prompt = promptId(record.promptId());
            ResponseId responseId = responseId(record.responseId());
            Stars stars = new Stars(record.stars());
            Note note = Note.parse("note", record.note());
            judged(prompt, responseId);
            if (ratings.ratingsBy(prompt, caller).stream().anyMatch(r -> r.responseId().equals(responseId))) {
                count(Kind.RATING, false);
                return;
            }
            ratings.saveRating(new Rating(prompt, responseId, caller, stars, note, record.updatedAt()));
            count(Kind.RATING, true);
        }

        private void preference(ImportItem.OwnPreference record) {
            PromptId prompt = promptId(record.promptId());
            ResponseId chosen = responseId(record.chosenId());
            ResponseId rejected = responseId(record.rejectedId());
            Note reason = Note.parse("reason", record.reason());
            Preference preference = new Preference(prompt, chosen, rejected, caller, reason, record.updatedAt());
            judged(prompt, chosen);
            judged(prompt, rejected);
            if (ratings.preferencesBy(prompt, caller).stream().anyMatch(p -> p.pairKey().equals(preference.pairKey()))) {
                count(Kind.PREFERENCE, false);
                return;
            }
            ratings.savePreferences(List.of(preference));
            count(Kind.PREFERENCE, true);
        }

        private void collection(ImportItem.OwnCollection record) {
            boolean own = own();
            checkOwner(record.ownerId());
            CollectionId source = CollectionId.parse(record.id())
                    .orElseThrow(() -> new Refused("the collection id is not a UUID"));
            CollectionId id = own ? source
                    : new CollectionId(Uuids.nameBased(caller.value(), "collection", source.value()));
            CollectionName name = CollectionName.parse(record.name());
            CollectionDescription description = CollectionDescription.parse(record.description());
            if (record.promptIds().size() > Collection.MAX_PROMPTS) {
                throw new Refused("a collection holds at most " + Collection.MAX_PROMPTS + " prompts");
            }
            Optional<CollectionRepository.Contents> existing = collections.findWithItems(id);
            if (existing.isPresent()) {
                if (!existing.get().collection().isOwnedBy(caller)) {
                    throw new Refused("its id is taken by a collection of another account");
                }
                count(Kind.COLLECTION, false);
                return;
            }
            Set<PromptId> order = new LinkedHashSet<>();
            int left = 0;
            for (String raw : record.promptIds()) {
                Optional<PromptId> found = collected(raw, own);
                if (found.isPresent()) {
                    order.add(found.get());
                } else {
                    left++;
                }
            }
            Collection collection = new Collection(id, caller, name, description, record.isPublic(),
                    record.createdAt(), record.updatedAt(), 1);
            collections.importCollection(collection, List.copyOf(order), Collection.MAX_PER_OWNER);
            count(Kind.COLLECTION, true);
            if (left > 0) {
                note(record.location(), "the collection \"" + name.value() + "\" was imported without " + left
                        + (left == 1 ? " prompt that does not exist here or that you may not read"
                        : " prompts that do not exist here or that you may not read"));
            }
        }

        /**
         * The prompt a collection names, as the caller has it: in an export of someone else, the caller's
         * copy of that person's prompt, or else a public prompt under its own id.
         */
        private Optional<PromptId> collected(String raw, boolean own) {
            Optional<PromptId> source = PromptId.parse(raw);
            if (source.isEmpty()) {
                return Optional.empty();
            }
            List<PromptId> candidates = own ? List.of(source.get())
                    : List.of(new PromptId(Uuids.nameBased(caller.value(), "prompt", source.get().value())), source.get());
            for (PromptId candidate : candidates) {
                if (accepted.containsKey(candidate) || prompts.findById(candidate)
                        .filter(p -> p.isReadableBy(Optional.of(caller))).isPresent()) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        // ---- other tools

        /**
         * A prompt from another tool with its responses. Everything is checked before anything is written;
         * then the prompt (with its one version) and each response are written, each in one unit, under
         * ids derived from the caller and the content, so an import cut short between them is completed,
         * not repeated, by importing the file again.
         */
        private void foreign(ImportItem.ForeignPrompt record) {
            Optional<Title> title = Title.parseOptional(record.title().orElse(""));
            Content text = Content.parse(record.text());
            Tags tags = Tags.parse(record.tags());
            if (record.responses().size() > ResponseService.MAX_RESPONSES_PER_PROMPT) {
                throw new Refused("a prompt holds at most " + ResponseService.MAX_RESPONSES_PER_PROMPT + " responses");
            }
            Map<ResponseId, Map.Entry<ModelName, Content>> answers = new LinkedHashMap<>();
            PromptId id = new PromptId(Uuids.nameBased(caller.value(), format, title.map(Title::value).orElse(""),
                    text.value()));
            for (int i = 0; i < record.responses().size(); i++) {
                ImportItem.ForeignResponse response = record.responses().get(i);
                try {
                    ModelName model = ModelName.parse(response.model());
                    Content body = Content.parse(response.text());
                    answers.putIfAbsent(new ResponseId(Uuids.nameBased(id.value(), model.value(), body.value())),
                            Map.entry(model, body));
                } catch (Invalid | TooLarge refused) {
                    throw new Refused("response " + (i + 1) + ": " + refused.getMessage());
                }
            }
            Optional<Prompt> existing = prompts.findById(id);
            if (existing.isPresent()) {
                if (!existing.get().isOwnedBy(caller)) {
                    throw new Refused("its id is taken by a prompt of another account");
                }
                count(Kind.PROMPT, false);
            } else {
                Instant now = clock.instant();
                BlobKey key = BlobKey.newPromptKey(now);
                Prompt prompt = new Prompt(id, caller, title, text.preview(), key, false, tags, now, now, 1, 1);
                PromptVersion first = PromptVersion.of(prompt, caller, Optional.empty());
                readModel.write(caller, Optional.of(id), () -> bodies.writeThenRecord(key, text,
                        () -> prompts.importPrompt(prompt, List.of(first), SearchText.ofPrompt(key, text))));
                access.exists(id);
                count(Kind.PROMPT, true);
                count(Kind.VERSION, true);
            }
            accepted.put(id, existing.map(Prompt::textVersion).orElse(1));
            for (Map.Entry<ResponseId, Map.Entry<ModelName, Content>> answer : answers.entrySet()) {
                if (responses.findById(answer.getKey()).isPresent()) {
                    count(Kind.RESPONSE, false);
                    continue;
                }
                Instant now = clock.instant();
                Content body = answer.getValue().getValue();
                createResponse(new Response(answer.getKey(), id, answer.getValue().getKey(), body.preview(),
                        BlobKey.newResponseKey(now), true, now, now, 1,
                        existing.map(Prompt::textVersion).orElse(1)), body);
            }
        }

        // ---- the report

        private void count(Kind kind, boolean created) {
            counts.get(kind)[created ? 0 : 1]++;
        }

        private void skip(String location, String reason) {
            skippedCount++;
            if (skipped.size() < ImportReport.MAX_LISTED) {
                skipped.add(new ImportReport.Issue(location, reason));
            }
        }

        private void note(String location, String text) {
            if (notes.size() < ImportReport.MAX_LISTED) {
                notes.add(new ImportReport.Issue(location, text));
            }
        }

        /** A prompt of the caller's export whose version lines are being read. */
        private final class PendingPrompt {
            final ImportItem.OwnPrompt record;
            final PromptId id;
            State state = State.READING;
            Optional<Title> title = Optional.empty();
            Content text;
            Tags tags = Tags.none();
            final List<PromptVersion> versions = new ArrayList<>();
            /** Bodies written so far, by the SHA-256 of their text: versions with the same text share one. */
            final Map<String, BlobKey> bodiesByText = new HashMap<>();
            final List<BlobKey> written = new ArrayList<>();
            String failure = "";

            PendingPrompt(ImportItem.OwnPrompt record, PromptId id) {
                this.record = record;
                this.id = id;
            }

            void add(ImportItem.OwnVersion record) {
                if (versions.size() >= MAX_VERSIONS_PER_PROMPT) {
                    throw new Refused("an imported prompt has at most " + MAX_VERSIONS_PER_PROMPT + " versions");
                }
                if (record.number() != versions.size() + 1) {
                    throw new Refused("versions are numbered 1, 2, 3... in order; " + record.number()
                            + " came after " + versions.size());
                }
                Optional<Title> versionTitle = Title.parseOptional(record.title());
                Optional<VersionMessage> message = VersionMessage.parseOptional(record.message());
                Content body = Content.parse(record.text());
                versions.add(new PromptVersion(id, record.number(), versionTitle, ContentPreview.of(body.value()),
                        keyFor(body), caller, message, record.createdAt()));
            }

            /** The key of this text's body, written now unless an earlier version had the same text. */
            BlobKey keyFor(Content body) {
                String digest = sha256(body.value());
                BlobKey key = bodiesByText.get(digest);
                if (key == null) {
                    key = BlobKey.newPromptKey(clock.instant());
                    bodies.put(key, body);
                    written.add(key);
                    bodiesByText.put(digest, key);
                }
                return key;
            }

            void fail(String reason) {
                state = State.FAILED;
                failure = reason;
            }
        }
    }

    private enum State { READING, PRESENT, SKIPPED, FAILED }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
