package studio.queryset.pytext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Deep nesting is a SyntaxError with a position, as in CPython, never a StackOverflowError. */
class PyParserNestingTest {

    @Test
    void thousandNestedParenthesesAreASyntaxError() {
        String text = "(".repeat(1000) + "1" + ")".repeat(1000);
        assertThatThrownBy(() -> PyParser.parseExpression(text)).isInstanceOf(PySyntaxError.class)
                .hasMessage("too many nested parentheses")
                .satisfies(e -> assertThat(((PySyntaxError) e).position()).isEqualTo(PyParser.MAX_NESTING));
    }

    @Test
    void tenThousandTildesAreASyntaxError() {
        assertThatThrownBy(() -> PyParser.parseExpression("~".repeat(10_000) + "Q(a=1)"))
                .isInstanceOf(PySyntaxError.class).hasMessage("too many nested parentheses");
    }

    @Test
    void deeplyNestedCallsAreASyntaxError() {
        String text = "Lower(".repeat(5000) + "'a'" + ")".repeat(5000);
        assertThatThrownBy(() -> PyParser.parseExpression(text)).isInstanceOf(PySyntaxError.class);
    }

    @Test
    void nestingJustUnderTheLimitParses() {
        String text = "(".repeat(PyParser.MAX_NESTING - 1) + "1" + ")".repeat(PyParser.MAX_NESTING - 1);
        assertThat(PyParser.parseExpression(text)).isInstanceOf(PyNode.Num.class);
    }

    @Test
    void longFlatChainsParse() {
        String or = String.join("|", java.util.Collections.nCopies(10_000, "Q(a=1)"));
        assertThat(PyParser.parseExpression(or)).isInstanceOf(PyNode.BinOp.class);
        assertThat(PyParser.parseExpression("Post.objects" + ".all()".repeat(10_000)))
                .isInstanceOf(PyNode.Call.class);
    }
}
