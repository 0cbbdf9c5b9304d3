package dev.excalibur.dynamodb.engine.internal.expressions;

import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.context;
import static dev.excalibur.dynamodb.engine.internal.expressions.Fixture.projection;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.item;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.l;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.m;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.n;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.refuses;
import static dev.excalibur.dynamodb.engine.internal.values.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** ProjectionExpression: which parts of an item come back. */
class ProjectionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("k"),
            "a", m("b", s("x"), "c", l(s("c0"), m("d", s("deep"), "e", s("other")), s("c2")), "f", n("1")),
            "lst", l(s("l0"), s("l1"), s("l2"), s("l3")),
            "z", s("last"));

    @Test
    void keepsOnlyTheNamedTopLevelAttributes() {
        assertThat(projection("pk, z").apply(ITEM)).isEqualTo(item("pk", s("k"), "z", s("last")));
    }

    @Test
    void nestsProjectedMembersAsInTheItem() {
        assertThat(projection("a.b, a.c[1].d").apply(ITEM))
                .isEqualTo(item("a", m("b", s("x"), "c", l(m("d", s("deep"))))));
    }

    @Test
    void returnsPickedListElementsInIndexOrder() {
        assertThat(projection("lst[3], lst[1]").apply(ITEM)).isEqualTo(item("lst", l(s("l1"), s("l3"))));
    }

    @Test
    void leavesOutPathsThatLeadNowhere() {
        assertThat(projection("nothere, a.nothere, lst[9], pk.x, a.b").apply(ITEM))
                .isEqualTo(item("a", m("b", s("x"))));
        assertThat(projection("nothere").apply(ITEM)).isEmpty();
    }

    @Test
    void refusesOverlappingPaths() {
        refuses(
                () -> Expressions.projection("a, a.b", context()),
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + "path one: [a], path two: [a, b]");
        refuses(
                () -> Expressions.projection("#a.b, a[0]", context("#a", "a")),
                "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; "
                        + "path one: [a, b], path two: [a, [0]]");
    }

    @Test
    void neverMutatesTheItem() {
        Map<String, AttributeValue> copy = Map.copyOf(ITEM);
        projection("a.c[1].d, lst[0]").apply(ITEM);
        assertThat(ITEM).isEqualTo(copy);
    }
}
