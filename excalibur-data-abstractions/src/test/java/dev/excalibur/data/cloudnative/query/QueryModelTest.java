package dev.excalibur.data.cloudnative.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryModelTest {

    @Test
    void queryWithoutPartitionKeyIsRefused() {
        assertThatThrownBy(() -> CloudQuery.builder().limit(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitionKey");
    }

    @Test
    void limitOutsideOneToTenThousandIsRefused() {
        assertThatThrownBy(() -> CloudQuery.of(q -> q.partitionKey("p").limit(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit")
                .hasMessageContaining("10000");
        assertThat(CloudQuery.of(q -> q.partitionKey("p").limit(10_000)).limit())
                .isEqualTo(10_000);
    }

    @Test
    void withContinuationTokenKeepsEverythingElse() {
        CloudQuery query = CloudQuery.of(q -> q.partitionKey(PartitionKey.of("p"))
                .sortKey(SortKeyCondition.beginsWith("a"))
                .filter(Condition.attribute("x").exists())
                .indexName("i")
                .limit(5)
                .descending(true)
                .projection("x"));

        CloudQuery next = query.withContinuationToken("token");

        assertThat(next.continuationToken()).isEqualTo("token");
        assertThat(next)
                .usingRecursiveComparison()
                .ignoringFields("continuationToken")
                .isEqualTo(query);
        assertThat(next.withContinuationToken(null).continuationToken()).isNull();
    }

    @Test
    void emptyProjectionNamesAreRefused() {
        assertThatThrownBy(() -> CloudQuery.builder().projection("a", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projection");
    }

    @Test
    void sortKeyConditionsTakeOnlyKeyTypes() {
        assertThatThrownBy(() -> SortKeyCondition.equalTo(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String, a Number or a byte[]");
        assertThatThrownBy(() -> SortKeyCondition.between("a", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper bound");
        assertThatThrownBy(() -> new SortKeyCondition(SortKeyCondition.Operator.BEGINS_WITH, 5, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beginsWith");
        assertThat(SortKeyCondition.between(1, 2).upperBound()).isEqualTo(2);
    }

    @Test
    void inTakesOneToOneHundredValues() {
        assertThatThrownBy(() -> Condition.attribute("a").isIn(Collections.nCopies(101, "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> Condition.attribute("a").isIn(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThat(((Condition.In) Condition.attribute("a").isIn("x", null)).values())
                .containsExactly("x", null);
    }

    @Test
    void conditionsComposeIntoTrees() {
        Condition a = Condition.attribute("a").isEqualTo(1);
        Condition b = Condition.attribute("b", "c").isLessThan(2);

        Condition tree = Condition.not(a.and(b).or(a));

        assertThat(tree).isEqualTo(new Condition.Not(new Condition.Or(List.of(new Condition.And(List.of(a, b)), a))));
        assertThat(((Condition.Comparison) b).path()).containsExactly("b", "c");
    }

    @Test
    void blankAttributeNamesAndNullComparandsAreRefused() {
        assertThatThrownBy(() -> Condition.attribute("a", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute name");
        assertThatThrownBy(() -> Condition.attribute("a").isGreaterThan(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> Condition.allOf())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
