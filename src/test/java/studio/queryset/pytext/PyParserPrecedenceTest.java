package studio.queryset.pytext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Binary operators group as in Python: | below ^ below &amp; below + - below * / // % @, each left to right. */
class PyParserPrecedenceTest {

    private static String grouped(PyNode n) {
        if (n instanceof PyNode.BinOp b) {
            return "(" + grouped(b.left()) + " " + b.op() + " " + grouped(b.right()) + ")";
        }
        if (n instanceof PyNode.UnaryOp u) {
            return "(" + u.op() + grouped(u.operand()) + ")";
        }
        if (n instanceof PyNode.Name name) {
            return name.id();
        }
        return ((PyNode.Num) n).text();
    }

    private static String parse(String text) {
        return grouped(PyParser.parseExpression(text));
    }

    @Test
    void tighterOperatorsGroupFirst() {
        assertThat(parse("a | b ^ c & d + e * f")).isEqualTo("(a | (b ^ (c & (d + (e * f)))))");
        assertThat(parse("a * b + c & d ^ e | f")).isEqualTo("(((((a * b) + c) & d) ^ e) | f)");
        assertThat(parse("a + b * c - d // e % f @ g")).isEqualTo("((a + (b * c)) - (((d // e) % f) @ g))");
    }

    @Test
    void sameLevelGroupsLeftToRight() {
        assertThat(parse("a - b - c")).isEqualTo("((a - b) - c)");
        assertThat(parse("a | b | c")).isEqualTo("((a | b) | c)");
        assertThat(parse("a / b * c")).isEqualTo("((a / b) * c)");
    }

    @Test
    void unaryAndPowerBindTighterThanBinaryOperators() {
        assertThat(parse("-a * b")).isEqualTo("((-a) * b)");
        assertThat(parse("~a | b & c")).isEqualTo("((~a) | (b & c))");
        assertThat(parse("a * b ** c ** d")).isEqualTo("(a * (b ** (c ** d)))");
        assertThat(parse("(a | b) & c")).isEqualTo("((a | b) & c)");
    }
}
