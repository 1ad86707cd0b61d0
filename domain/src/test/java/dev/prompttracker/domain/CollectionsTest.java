package dev.prompttracker.domain;

import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.collection.CollectionOrder;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectionsTest {
    private final PromptId a = PromptId.random();
    private final PromptId b = PromptId.random();
    private final PromptId c = PromptId.random();
    private final PromptId d = PromptId.random();

    @Test
    void namesAreTrimmedOneLineAndAtMostAHundredCharacters() {
        assertThat(CollectionName.parse("  Favourites ").value()).isEqualTo("Favourites");
        assertThat(CollectionName.parse("x".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> CollectionName.parse("x".repeat(101))).isInstanceOf(Invalid.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> CollectionName.parse("  ")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> CollectionName.parse(null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> CollectionName.parse("two\nlines")).isInstanceOf(Invalid.class);
    }

    @Test
    void descriptionsKeepLineBreaksAndStopAtTwoThousandCharacters() {
        assertThat(CollectionDescription.parse(" first\r\nsecond \n").value()).isEqualTo("first\nsecond");
        assertThat(CollectionDescription.parse(null)).isEqualTo(CollectionDescription.NONE);
        assertThat(CollectionDescription.parse("y".repeat(2000)).value()).hasSize(2000);
        assertThatThrownBy(() -> CollectionDescription.parse("y".repeat(2001))).isInstanceOf(Invalid.class)
                .hasMessageContaining("description");
        assertThatThrownBy(() -> CollectionDescription.parse("bell\u0007")).isInstanceOf(Invalid.class);
    }

    @Test
    void aPrivateCollectionIsOnlyItsOwnersAndEveryChangeIsAVersion() {
        UserId owner = UserId.random();
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        Collection collection = Collection.create(CollectionId.random(), owner, CollectionName.parse("Mine"),
                CollectionDescription.NONE, false, t0);
        assertThat(collection.isReadableBy(Optional.of(owner))).isTrue();
        assertThat(collection.isReadableBy(Optional.of(UserId.random()))).isFalse();
        assertThat(collection.isReadableBy(Optional.empty())).isFalse();
        Collection shared = collection.revise(collection.name(), collection.description(), true, t0.plusSeconds(1));
        assertThat(shared.isReadableBy(Optional.empty())).isTrue();
        assertThat(shared.version()).isEqualTo(2);
        assertThat(shared.touched(t0).updatedAt()).as("never goes back in time").isEqualTo(t0.plusSeconds(1));
        assertThat(shared.touched(t0).version()).isEqualTo(3);
    }

    @Test
    void anItemIsSeenThroughACollectionOnlyByThoseWhoMayReadItsPrompt() {
        UserId author = UserId.random();
        CollectionItem hidden = new CollectionItem(a, author, false);
        assertThat(hidden.isReadableBy(Optional.of(author))).isTrue();
        assertThat(hidden.isReadableBy(Optional.of(UserId.random()))).isFalse();
        assertThat(hidden.isReadableBy(Optional.empty())).isFalse();
        assertThat(new CollectionItem(a, author, true).isReadableBy(Optional.empty())).isTrue();
    }

    @Test
    void arrangingPlacesTheListedIdsInTheirOwnSlotsAndLeavesTheOthersWhereTheyAre() {
        // c is hidden from the caller: it keeps its slot while the others are reversed around it.
        assertThat(CollectionOrder.arrange(List.of(a, b, c, d), List.of(d, b, a))).containsExactly(d, b, c, a);
        assertThat(CollectionOrder.arrange(List.of(a, b), List.of(b, PromptId.random(), a)))
                .as("ids no longer in the collection are ignored").containsExactly(b, a);
        assertThat(CollectionOrder.arrange(List.of(a, b, c), List.of(c))).containsExactly(a, b, c);
        assertThatThrownBy(() -> CollectionOrder.arrange(List.of(a, b), List.of(a, a)))
                .isInstanceOf(Invalid.class).hasMessageContaining("more than once");
        List<PromptId> tooMany = IntStream.range(0, 501).mapToObj(i -> PromptId.random()).toList();
        assertThatThrownBy(() -> CollectionOrder.arrange(List.of(a), tooMany)).isInstanceOf(Invalid.class);
    }

    @Test
    void movingCountsPositionsAmongTheItemsTheCallerSees() {
        List<PromptId> current = List.of(a, b, c, d);
        List<PromptId> visible = List.of(a, b, d);
        assertThat(CollectionOrder.move(current, visible, d, 0)).containsExactly(d, a, c, b);
        assertThat(CollectionOrder.move(current, visible, a, 99)).containsExactly(b, d, c, a);
        assertThat(CollectionOrder.move(current, visible, b, 1)).containsExactly(a, b, c, d);
        assertThatThrownBy(() -> CollectionOrder.move(current, visible, c, 0)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> CollectionOrder.move(current, visible, a, -1)).isInstanceOf(Invalid.class);
    }

    @Test
    void addingAppendsOrInsertsIsIdempotentAndStopsAtFiveHundred() {
        assertThat(CollectionOrder.add(List.of(a, b), List.of(a, b), c, Optional.empty())).containsExactly(a, b, c);
        assertThat(CollectionOrder.add(List.of(a, b), List.of(a, b), c, Optional.of(1))).containsExactly(a, c, b);
        assertThat(CollectionOrder.add(List.of(a, b), List.of(a, b), a, Optional.of(1)))
                .as("already there: stays where it is").containsExactly(a, b);
        List<PromptId> full = new ArrayList<>(IntStream.range(0, 500).mapToObj(i -> PromptId.random()).toList());
        assertThatThrownBy(() -> CollectionOrder.add(full, full, a, Optional.empty())).isInstanceOf(Conflict.class)
                .hasMessageContaining("500");
        assertThat(CollectionOrder.add(full, full, full.get(3), Optional.empty())).hasSize(500);
        assertThat(CollectionOrder.remove(List.of(a, b, c), b)).containsExactly(a, c);
        assertThat(CollectionOrder.remove(List.of(a, c), b)).containsExactly(a, c);
    }

    @Test
    void itemCursorsRoundTripAndStrangeTokensAreInvalid() {
        ItemCursor cursor = new ItemCursor(7, a);
        assertThat(ItemCursor.parse(cursor.token())).contains(cursor);
        assertThat(ItemCursor.parse("")).isEmpty();
        assertThatThrownBy(() -> ItemCursor.parse("bm90IGEgdG9rZW4")).isInstanceOf(Invalid.class)
                .hasMessageContaining("pageToken");
        assertThatThrownBy(() -> ItemCursor.parse("%%%")).isInstanceOf(Invalid.class);
    }
}
