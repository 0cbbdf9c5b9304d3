package dev.excalibur.dynamodb.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lineage rules on listings like those DynamoDB returns: a closed root, a split, a rollover chain. */
class ShardLineageTest {

    private static final StreamShard ROOT = new StreamShard("root", null, true);
    private static final StreamShard LEFT = new StreamShard("left", "root", true);
    private static final StreamShard RIGHT = new StreamShard("right", "root", false);
    private static final StreamShard LEFT_CHILD = new StreamShard("left-child", "left", false);
    private static final List<StreamShard> LISTING = List.of(ROOT, LEFT, RIGHT, LEFT_CHILD);
    /** A shard read up to a record and then to its end. */
    private static final ShardCheckpoint DONE =
            ShardCheckpoint.after("000000000000000000010").toFinished();

    @Test
    void childrenWaitUntilTheirParentIsFinished() {
        assertThat(new ShardLineage(LISTING, Map.of()).readable()).containsExactly(ROOT);
        assertThat(new ShardLineage(LISTING, Map.of("root", ShardCheckpoint.after("000000000000000000010"))).readable())
                .containsExactly(ROOT);
        assertThat(new ShardLineage(LISTING, Map.of("root", DONE)).readable()).containsExactly(LEFT, RIGHT);
    }

    @Test
    void aShardWithAKnownDescendantIsFinishedAndAGoneParentFreesItsChild() {
        ShardLineage lineage = new ShardLineage(LISTING, Map.of("left-child", ShardCheckpoint.UNREAD));

        assertThat(lineage.finished("root")).isTrue();
        assertThat(lineage.finished("left")).isTrue();
        assertThat(lineage.finished("right")).isFalse();
        assertThat(lineage.readable()).containsExactly(RIGHT, LEFT_CHILD);
        assertThat(new ShardLineage(List.of(LEFT_CHILD), Map.of()).readable()).containsExactly(LEFT_CHILD);
    }

    @Test
    void anUnknownShardStartsFromItsOldestRecordSkippingWhatItsFinishedAncestorSkipped() {
        Instant reset = Instant.parse("2026-11-25T10:00:00Z");
        Instant start = Instant.parse("2026-11-25T09:00:00Z");
        ShardLineage lineage = new ShardLineage(
                LISTING, Map.of("root", ShardCheckpoint.unreadSince(reset).toFinished()));

        assertThat(lineage.startOf(LEFT_CHILD, null)).isEqualTo(ShardCheckpoint.unreadSince(reset));
        assertThat(new ShardLineage(LISTING, Map.of()).startOf(ROOT, start))
                .isEqualTo(ShardCheckpoint.unreadSince(start));
        assertThat(new ShardLineage(LISTING, Map.of()).startOf(ROOT, null)).isEqualTo(ShardCheckpoint.UNREAD);
        assertThat(new ShardLineage(LISTING, Map.of("root", DONE)).startOf(LEFT, start))
                .as("a parent that was read leaves nothing to skip")
                .isEqualTo(ShardCheckpoint.UNREAD);
    }

    @Test
    void vanishedAndPrunableShards() {
        ShardLineage lineage = new ShardLineage(
                List.of(LEFT, RIGHT, LEFT_CHILD),
                Map.of(
                        "root",
                        DONE,
                        "left",
                        DONE,
                        "left-child",
                        ShardCheckpoint.UNREAD,
                        "trimmed",
                        ShardCheckpoint.after("000000000000000000003"),
                        "trimmed-unread",
                        ShardCheckpoint.UNREAD));

        assertThat(lineage.unlisted()).containsExactlyInAnyOrder("trimmed", "trimmed-unread");
        assertThat(lineage.vanished()).containsExactly("trimmed");
        assertThat(lineage.prunable(gone -> true)).containsExactlyInAnyOrder("root", "left");
        assertThat(lineage.prunable(gone -> false))
                .as("an unlisted shard stays while a reader may still see it listed")
                .containsExactly("left");
    }

    @Test
    void aFinishedShardIsPrunableOnlyOnceAListedChildHasACheckpoint() {
        assertThat(new ShardLineage(LISTING, Map.of("root", DONE)).prunable(gone -> true))
                .as("no child read yet: a reader would take the parent for unread")
                .isEmpty();
        assertThat(new ShardLineage(LISTING, Map.of("root", DONE, "left", ShardCheckpoint.UNREAD))
                        .prunable(gone -> true))
                .containsExactly("root");
    }

    @Test
    void aReaderWhoseListingHoldsAPrunedParentFindsItFinishedThroughTheChild() {
        // the checkpoint of "root" was dropped because "left" has one: a reader with the full listing never reads root
        // again
        ShardLineage lineage =
                new ShardLineage(LISTING, Map.of("left", ShardCheckpoint.after("000000000000000000020")));
        assertThat(lineage.finished("root")).isTrue();
        assertThat(lineage.readable())
                .extracting(StreamShard::id)
                .doesNotContain("root")
                .contains("left");
    }
}
