package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import studio.queryset.query.FunctionNames;

/** The function registry is the one table: it names exactly what the parser accepts, each with its facts. */
class FunctionSpecsTest {

    @Test
    void everyFunctionTheParserAcceptsHasASpecAndNoOther() {
        Set<String> parsed = new TreeSet<>(FunctionNames.FUNCTIONS);
        parsed.addAll(FunctionNames.WINDOW_FUNCTIONS);
        parsed.addAll(FunctionNames.AGGREGATES);
        Set<String> specs = new TreeSet<>(FunctionSpecs.all().stream().map(FunctionSpec::name).toList());
        assertThat(specs).isEqualTo(parsed);
    }

    @Test
    void groupsFollowWhatThePartsAre() {
        for (FunctionSpec s : FunctionSpecs.all()) {
            assertThat(s.group() == FunctionSpec.Group.AGGREGATE).as(s.name())
                    .isEqualTo(FunctionNames.AGGREGATES.contains(s.name()));
            assertThat(s.group() == FunctionSpec.Group.WINDOW).as(s.name())
                    .isEqualTo(FunctionNames.WINDOW_FUNCTIONS.contains(s.name()));
        }
    }

    @Test
    void everySpecSaysWhatItDoesAndTakes() {
        for (FunctionSpec s : FunctionSpecs.all()) {
            assertThat(s.help()).as(s.name()).startsWith(s.name() + "(): ").hasSizeGreaterThan(s.name().length() + 8);
            FunctionSpec.Arguments a = s.arguments();
            assertThat(a.least()).as(s.name()).isGreaterThanOrEqualTo(0);
            assertThat(a.most() < 0 || a.most() >= a.least()).as(s.name()).isTrue();
        }
    }

    @Test
    void inspectorChoicesAreThePlainFunctionsPaletteFirst() {
        List<String> choices = FunctionSpecs.functionChoices();
        assertThat(new LinkedHashSet<>(choices)).containsExactlyInAnyOrderElementsOf(FunctionNames.FUNCTIONS);
        List<String> paletteFunctions = FunctionSpecs.palette().stream()
                .filter(s -> s.group() != FunctionSpec.Group.AGGREGATE).map(FunctionSpec::name).toList();
        assertThat(choices.subList(0, paletteFunctions.size())).isEqualTo(paletteFunctions);
    }

    @Test
    void resultTypesComeFromTheSpec() {
        Typed text = Typed.of(Frag.of("\"t\""), studio.queryset.schema.ValueType.TEXT);
        Typed number = Typed.of(Frag.of("\"n\""), studio.queryset.schema.ValueType.DECIMAL);
        for (FunctionSpec s : FunctionSpecs.all()) {
            if (s.output() == FunctionSpec.Output.FIRST_ARGUMENT && s.group() != FunctionSpec.Group.WINDOW) {
                List<Typed> args = s.arguments().least() == 2 ? List.of(number, number) : List.of(number);
                assertThat(Functions.compile(Dialect.POSTGRESQL, s.name(), args, java.util.Map.of()).type())
                        .as(s.name()).isEqualTo(number.type());
            }
            if (s.output() == FunctionSpec.Output.INTEGER && s.group() == FunctionSpec.Group.TEXT) {
                List<Typed> args = s.arguments().least() == 2 ? List.of(text, text) : List.of(text);
                assertThat(Functions.compile(Dialect.SQLITE, s.name(), args, java.util.Map.of()).type())
                        .as(s.name()).isEqualTo(studio.queryset.schema.ValueType.INTEGER);
            }
        }
    }
}
