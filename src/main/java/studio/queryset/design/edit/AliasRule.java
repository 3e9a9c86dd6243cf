package studio.queryset.design.edit;

import java.util.Map;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/**
 * The one rule for the name of an annotation, as Django 3.2 and Python apply it to {@code annotate(name=...)}:
 * <ul>
 *   <li>it is written as a keyword argument, so it is a Python name (not a keyword);</li>
 *   <li>annotate() / alias() refuse a name of the model's fields (names and attnames, reverse relations
 *       included) unless values() came first: "The annotation 'x' conflicts with a field on the model.";</li>
 *   <li>one call cannot repeat a name: Python's "keyword argument repeated: x".</li>
 * </ul>
 * Django 3.2 accepts {@code __} in an alias ({@code annotate(a__b=Value(1)).filter(a__b=1)} filters on it; its own
 * default aliases are {@code tags__count}), so this rule does too.
 */
public final class AliasRule {
    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert",
            "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
            "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield");

    private AliasRule() {
    }

    /**
     * Checks {@code alias} as a new name in {@code step} (the step at {@code stepIndex} of {@code pipeline});
     * {@code schema} may be null (then the field check is left to the compiler).
     */
    public static void check(String alias, QuerySet pipeline, int stepIndex, Schema schema) {
        Step step = pipeline.steps().get(stepIndex);
        checkName(alias, step.method());
        if (names(step).containsKey(alias)) {
            throw new QueryException("SyntaxError", "keyword argument repeated: " + alias + " (" + step.method()
                    + "() already has '" + alias + "'; pick another name)");
        }
        if (step instanceof Step.Annotate && conflictsWithField(alias, pipeline, stepIndex, schema)) {
            throw new QueryException("ValueError", "The annotation '" + alias + "' conflicts with a field on the "
                    + "model.");
        }
    }

    /** Python's rule for a keyword argument's name. */
    public static void checkName(String alias, String method) {
        if (alias == null || !alias.matches("[A-Za-z_][A-Za-z0-9_]*") || PYTHON_KEYWORDS.contains(alias)) {
            throw new QueryException("SyntaxError", "'" + alias + "' cannot name an annotation: it is written "
                    + method + "(" + alias + "=...), so it must be a Python name — letters, digits and _, not "
                    + "starting with a digit, not a keyword such as class");
        }
    }

    /** {@code base} if it is free in {@code step}, else base2, base3... (free of the model's fields too). */
    public static String fresh(String base, QuerySet pipeline, int stepIndex, Schema schema) {
        Step step = stepIndex < 0 ? null : pipeline.steps().get(stepIndex);
        Map<String, Expression> taken = step == null ? Map.of() : names(step);
        String name = base;
        for (int i = 2; taken.containsKey(name) || step instanceof Step.Annotate
                && conflictsWithField(name, pipeline, stepIndex, schema); i++) {
            name = base + i;
        }
        return name;
    }

    /** True for the steps that hold named expressions people add on the canvas. */
    public static boolean holdsNamed(Step s) {
        return s instanceof Step.Annotate || s instanceof Step.Aggregate;
    }

    static Map<String, Expression> names(Step s) {
        if (s instanceof Step.Annotate a) {
            return a.named();
        }
        if (s instanceof Step.Aggregate a) {
            return a.named();
        }
        if (s instanceof Step.Update u) {
            return u.values();
        }
        throw new QueryException("TypeError", "named expressions go into annotate(), alias() or aggregate(), not "
                + s.method() + "()");
    }

    /** Django's annotate(): the names of get_fields() and attnames are taken, unless values() came before. */
    private static boolean conflictsWithField(String alias, QuerySet pipeline, int stepIndex, Schema schema) {
        if (schema == null) {
            return false;
        }
        for (int i = 0; i < stepIndex; i++) {
            Step s = pipeline.steps().get(i);
            if (s instanceof Step.Values || s instanceof Step.ValuesList) {
                return false;
            }
        }
        Model model = schema.findModel(pipeline.model()).orElse(null);
        if (model == null) {
            return false;
        }
        return model.field(alias).isPresent()
                || model.fields().stream().anyMatch(f -> f.isRelation() && f.isConcrete() && f.attname().equals(alias))
                || schema.reverseRelations(model).stream().anyMatch(r -> r.queryName().equals(alias));
    }
}
