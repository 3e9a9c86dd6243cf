package studio.queryset.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/** Where a new stage may go and which reorders Django refuses, with its words. */
class StageOrderTest {
    private static final Step FILTER = new Step.Filter(List.of(), List.of(), false);
    private static final Step ORDER = new Step.OrderBy(List.of());
    private static final Step SLICE = new Step.Slice(null, 1L);
    private static final Step COUNT = new Step.Terminal("count", null, List.of());

    @Test
    void aFilterAskedForAfterASliceGoesBeforeItAndSaysWhy() {
        StageOrder.Placement p = StageOrder.place(List.of(ORDER, SLICE), 2, FILTER);
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.note()).isEqualTo("filter() went before [:1]: Cannot filter a query once a slice has been taken.");
    }

    @Test
    void aStageThatFitsGoesExactlyWhereAsked() {
        StageOrder.Placement p = StageOrder.place(List.of(FILTER, SLICE), 1, ORDER);
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.note()).isNull();
        assertThat(StageOrder.place(List.of(FILTER, SLICE), 2, new Step.Values(List.of("id"), java.util.Map.of()))
                .index()).isEqualTo(2);
    }

    @Test
    void aTerminalGoesLastAndReplacesTheOneThere() {
        StageOrder.Placement p = StageOrder.place(List.of(FILTER, COUNT), 0, new Step.Terminal("exists", null,
                List.of()));
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.replacesTerminal()).isTrue();
        StageOrder.Placement before = StageOrder.place(List.of(FILTER, COUNT), 2, ORDER);
        assertThat(before.index()).isEqualTo(1);
    }

    @Test
    void reordersDjangoForbidsAreRefusedWithItsMessage() {
        assertThatThrownBy(() -> StageOrder.move(List.of(FILTER, SLICE), 0, 1))
                .isInstanceOf(QueryException.class)
                .hasMessage("Cannot move filter() there: Cannot filter a query once a slice has been taken.");
        assertThatThrownBy(() -> StageOrder.move(List.of(FILTER, COUNT), 1, 0))
                .hasMessageContaining("count() evaluates the queryset: it must stay last.");
        assertThat(StageOrder.move(List.of(FILTER, ORDER, SLICE), 1, 0)).containsExactly(ORDER, FILTER, SLICE);
    }

    @Test
    void afterAUnionOnlyOrderingSlicingAndValuesAreAllowed() {
        Step union = new Step.Combine("union", List.of(QuerySet.of("Post")), false);
        assertThat(StageOrder.refusal(List.of(union, ORDER, SLICE))).isNull();
        assertThat(StageOrder.refusal(List.of(union, FILTER)))
                .isEqualTo("Calling QuerySet.filter() after union() is not supported.");
        StageOrder.Placement p = StageOrder.place(List.of(union), 1, FILTER);
        assertThat(p.index()).isZero();
        assertThat(p.note()).contains("after union() is not supported");
        assertThat(StageOrder.place(List.of(union), 1, new Step.Values(List.of("id"), java.util.Map.of())).index())
                .isEqualTo(1);
    }
}
