package dev.excalibur.data.cloudnative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    @Test
    void simpleKeyKeepsValueAndPath() {
        PartitionKey key = PartitionKey.of("USER#1", "/pk");
        assertThat(key.value()).isEqualTo("USER#1");
        assertThat(key.path()).isEqualTo("/pk");
        assertThat(PartitionKey.of("x").path()).isEmpty();
    }

    @Test
    void blankValueIsRefused() {
        assertThatThrownBy(() -> PartitionKey.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionKey.of(null, "/pk")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compositeKeyJoinsComponentsWithTheSeparator() {
        CompositePartitionKey key = CompositePartitionKey.of("#", "TENANT", "acme", "USER", "42");
        assertThat(key.value()).isEqualTo("TENANT#acme#USER#42");
        assertThat(key.components()).containsExactly("TENANT", "acme", "USER", "42");
    }

    @Test
    void compositeComponentsCannotContainTheSeparatorSoValuesAreUnambiguous() {
        assertThatThrownBy(() -> CompositePartitionKey.of("#", "a#b", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components[0]");
        assertThatThrownBy(() -> new CompositePartitionKey("", List.of("a"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("separator");
        assertThatThrownBy(() -> CompositePartitionKey.of("#"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void resultStatusHelpersFollowTheStatusCode() {
        assertThat(CloudOperationResult.failure(412, 0, "stale").isConcurrencyConflict())
                .isTrue();
        assertThat(CloudOperationResult.failure(404, 0, "gone").isNotFound()).isTrue();
        assertThat(CloudOperationResult.failure(409, 0, "exists").isConflict()).isTrue();
        CloudOperationResult<String> ok = CloudOperationResult.ok(1.5, "e1", "doc");
        assertThat(ok.success()).isTrue();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.findDocument()).contains("doc");
        assertThat(ok.isConcurrencyConflict() || ok.isNotFound() || ok.isConflict())
                .isFalse();
    }

    @Test
    void consistencyLevelsAreOrderedWeakestToStrongest() {
        assertThat(ConsistencyLevel.values())
                .containsExactly(
                        ConsistencyLevel.DEFAULT,
                        ConsistencyLevel.EVENTUAL,
                        ConsistencyLevel.SESSION,
                        ConsistencyLevel.BOUNDED_STALENESS,
                        ConsistencyLevel.STRONG);
        assertThat(ConsistencyLevel.valueOf("STRONG"))
                .isSameAs(ConsistencyOptions.strong().level());
    }
}
