package dev.prompttracker.application.service;

import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.port.in.Cached;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.out.PromptRepository.PromptFilter;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What readers of prompts get from memory ({@link ReadModel}): assembled prompts (a prompt, its
 * responses and their bodies) and pages of lists, with what the edge printed of them. One write hook,
 * {@link #write}, keeps it true: a write to an owner's prompt makes that prompt, every page of that
 * owner and every public page stale at once (an entry's group is its prompt, its owner, or the public
 * list).
 */
final class PromptReadModel {
    /** The group of every public page. */
    private static final Object PUBLIC = new Object() {
        @Override
        public int hashCode() {
            return 0x5eed;
        }
    };

    /** Whose list ({@code null} for the public list), narrowed how, which page. */
    record ListKey(UserId owner, PromptFilter filter, PageRequest page) {
    }

    private record ViewKey(PromptId id) {
    }

    private final ReadModel memory;

    PromptReadModel(CacheSettings settings, Clock clock) {
        this.memory = new ReadModel(settings, clock);
    }

    // ---- assembled prompts

    Optional<Cached<PromptView>> view(PromptId id) {
        return memory.get(new ViewKey(id));
    }

    /**
     * The prompt as {@code assemble} reads it from the stores, from memory when it is there; what it
     * reads is kept unless a write to the prompt came in between.
     */
    PromptView view(PromptId id, Supplier<PromptView> assemble) {
        return memory.get(new ViewKey(id), id, assemble, PromptReadModel::sizeOf);
    }

    // ---- pages of lists

    Optional<Cached<Page<PromptSummary>>> page(ListKey key) {
        return memory.get(key);
    }

    Page<PromptSummary> page(ListKey key, Supplier<Page<PromptSummary>> read) {
        return memory.get(key, key.owner() == null ? PUBLIC : key.owner(), read, PromptReadModel::sizeOf);
    }

    // ---- the one write hook

    /**
     * Runs a write to {@code owner}'s prompt {@code prompt} (or to its responses) and then, whether it
     * succeeded, failed or its outcome is unknown, makes everything it may have changed stale.
     */
    <T> T write(UserId owner, Optional<PromptId> prompt, Supplier<T> write) {
        List<Object> groups = new ArrayList<>(3);
        groups.add(owner);
        groups.add(PUBLIC);
        prompt.ifPresent(groups::add);
        return memory.write(write, groups, prompt.map(id -> List.<Object>of(new ViewKey(id))).orElse(List.of()));
    }

    /**
     * Runs a write to {@code owner}'s prompt that reads the prompt back in its own transaction, as
     * {@link #write} does, and answers what {@code assemble} makes of that read-back. The answer is also
     * what readers of the prompt get next, unless another write to it came while this one ran.
     */
    <T> PromptView writeThenView(UserId owner, PromptId prompt, Supplier<T> write, Function<T, PromptView> assemble) {
        ReadModel.Tracked<T> written = memory.writeTracked(write, List.of(owner, PUBLIC, prompt),
                List.of(new ViewKey(prompt)), prompt);
        PromptView view = assemble.apply(written.result());
        written.stamp().ifPresent(stamp -> memory.keep(new ViewKey(prompt), prompt, stamp, view,
                PromptReadModel::sizeOf));
        return view;
    }

    void write(UserId owner, Optional<PromptId> prompt, Runnable write) {
        write(owner, prompt, () -> {
            write.run();
            return null;
        });
    }

    long bytes() {
        return memory.bytes();
    }

    /** Roughly what the entry holds in memory: its texts, plus a fixed allowance per object. */
    private static long sizeOf(PromptView view) {
        long size = 512 + textSize(view.content());
        for (ResponseView response : view.responses()) {
            size += 256 + textSize(response.content());
        }
        return size;
    }

    private static long textSize(Content content) {
        return content == null ? 0 : 2L * content.value().length();
    }

    private static long sizeOf(Page<PromptSummary> page) {
        long size = 256;
        for (PromptSummary summary : page.items()) {
            Prompt prompt = summary.prompt();
            size += 512 + 2L * prompt.contentPreview().value().length() + 64L * prompt.tags().values().size()
                    + prompt.title().map(title -> 2L * title.value().length()).orElse(0L);
        }
        return size;
    }
}
