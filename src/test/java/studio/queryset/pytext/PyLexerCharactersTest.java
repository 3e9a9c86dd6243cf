package studio.queryset.pytext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Names are Python's names: invisible, control and '$' characters are CPython's SyntaxErrors, with a position. */
class PyLexerCharactersTest {

    @Test
    void invisibleAndControlCharactersAreRefusedWhereTheyStand() {
        assertThatThrownBy(() -> PyParser.parseExpression("f(titl\u0000e=1)")).isInstanceOf(PySyntaxError.class)
                .hasMessage("invalid non-printable character U+0000");
        assertThatThrownBy(() -> PyParser.parseExpression("f(ti\u200Btle=1)"))
                .hasMessage("invalid non-printable character U+200B");
        assertThatThrownBy(() -> PyParser.parseExpression("f(title=1)\u202E"))
                .hasMessage("invalid non-printable character U+202E");
        assertThatThrownBy(() -> PyParser.parseExpression("f(\u001B[31m=1)"))
                .hasMessage("invalid non-printable character U+001B");
        assertThatThrownBy(() -> PyParser.parseExpression("f(ti$tle=1)")).hasMessage("invalid character '$' (U+0024)");
    }

    @Test
    void unicodeNamesAndStringsStayValid() {
        assertThat(PyParser.parseExpression("f(t\u00EDtle_2=\"\u202E\u0000 in a string\")")).isNotNull();
        assertThat(PyParser.parseExpression("f(\uD835\uDC31=1)")).as("a name outside the BMP").isNotNull();
    }
}
