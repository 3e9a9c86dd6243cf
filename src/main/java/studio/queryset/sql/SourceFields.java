package studio.queryset.sql;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;

/**
 * Django 3.2's {@code Func._resolve_output_field} for the functions whose type comes from their arguments
 * (Coalesce, Greatest, Least, NullIf, Concat, Replace) when no {@code output_field} is given: the first
 * argument's field class must be an instance of every other's, else "Expression contains mixed types: TextField,
 * CharField. You must set output_field." Only arguments whose Django field class is known take part (a column, a
 * literal, an explicit output_field), as Django leaves out sources without one.
 */
final class SourceFields {
    private SourceFields() {
    }

    private static final Set<String> FROM_SOURCES = Set.of("Coalesce", "Greatest", "Least", "NullIf", "Replace");

    /** Django's field classes and the class each extends (isinstance follows these). */
    private static final Map<String, String> PARENT = Map.ofEntries(
            Map.entry("BigIntegerField", "IntegerField"), Map.entry("SmallIntegerField", "IntegerField"),
            Map.entry("PositiveIntegerField", "IntegerField"),
            Map.entry("PositiveSmallIntegerField", "SmallIntegerField"),
            Map.entry("PositiveBigIntegerField", "BigIntegerField"), Map.entry("AutoField", "IntegerField"),
            Map.entry("BigAutoField", "BigIntegerField"), Map.entry("SmallAutoField", "SmallIntegerField"),
            Map.entry("EmailField", "CharField"), Map.entry("SlugField", "CharField"),
            Map.entry("URLField", "CharField"), Map.entry("CommaSeparatedIntegerField", "CharField"),
            Map.entry("DateTimeField", "DateField"), Map.entry("NullBooleanField", "BooleanField"));

    private static final Set<String> ROOTS = Set.of("IntegerField", "CharField", "TextField", "FloatField",
            "DecimalField", "BooleanField", "DateField", "TimeField", "DurationField", "UUIDField", "JSONField",
            "BinaryField", "GenericIPAddressField");

    /** A column's field class when it is one of Django's plain fields (a GeneratedField's type is its own), else null. */
    static String ofColumn(String djangoType) {
        return ROOTS.contains(djangoType) || PARENT.containsKey(djangoType) ? djangoType : null;
    }

    /**
     * Raises Django's FieldError when {@code fn}'s arguments mix field classes; {@code classOf} gives an
     * argument's Django field class, or null when unknown.
     */
    static void check(Expression.Func fn, Function<Expression, String> classOf) {
        if (fn.option("output_field") != null || fn.args().size() < 2) {
            return;
        }
        if (FROM_SOURCES.contains(fn.name())) {
            List<String> known = fn.args().stream().map(classOf).filter(c -> c != null).toList();
            for (int i = 1; i < known.size(); i++) {
                require(known.get(0), known.get(i));
            }
        } else if (fn.name().equals("Concat")) {
            // Concat pairs from the right, ConcatPair(a, ConcatPair(b, c)): each pair takes its first known class
            String resolved = classOf.apply(fn.args().get(fn.args().size() - 1));
            for (int i = fn.args().size() - 2; i >= 0; i--) {
                String c = classOf.apply(fn.args().get(i));
                if (c != null && resolved != null) {
                    require(c, resolved);
                }
                resolved = c != null ? c : resolved;
            }
        }
    }

    /** Whether a {@code cls} field is an instance of {@code ancestor} (Python's isinstance over the classes above). */
    static boolean isA(String cls, String ancestor) {
        for (String c = cls; c != null; c = PARENT.get(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Django 3.2's CombinedExpression._resolve_output_field for {@code lhs <op> rhs} with known field classes:
     * the left's class when it is an instance of the right's, else the _connector_combinators entry for + - * /
     * (integer with integer, decimal or float), else "Expression contains mixed types". Temporal subtraction
     * (same class on both sides) is a DurationField.
     */
    static String combined(String operator, String lhs, String rhs) {
        if (operator.equals("-") && lhs.equals(rhs) && Set.of("DateField", "DateTimeField", "TimeField").contains(lhs)) {
            return "DurationField";
        }
        if (isA(lhs, rhs)) {
            return lhs;
        }
        if (Set.of("+", "-", "*", "/").contains(operator)) {
            boolean li = isA(lhs, "IntegerField");
            boolean ri = isA(rhs, "IntegerField");
            if (li && ri) {
                return "IntegerField";
            }
            if (li && (rhs.equals("DecimalField") || rhs.equals("FloatField"))) {
                return rhs;
            }
            if (ri && (lhs.equals("DecimalField") || lhs.equals("FloatField"))) {
                return lhs;
            }
        }
        throw QueryException.fieldError("Expression contains mixed types: " + lhs + ", " + rhs
                + ". You must set output_field.");
    }

    /** Django's _resolve_output_field over Case's branches (its thens and default): every one of the first's class. */
    static String unmixed(List<String> classes) {
        List<String> known = classes.stream().filter(c -> c != null).toList();
        for (int i = 1; i < known.size(); i++) {
            require(known.get(0), known.get(i));
        }
        return known.isEmpty() ? null : known.get(0);
    }

    private static void require(String first, String other) {
        for (String c = first; c != null; c = PARENT.get(c)) {
            if (c.equals(other)) {
                return;
            }
        }
        throw QueryException.fieldError("Expression contains mixed types: " + first + ", " + other
                + ". You must set output_field.");
    }

    /** The field class Django 3.2's Value gives a literal (Value._resolve_output_field), or null. */
    static String ofLiteral(Expression.Value v) {
        if (v.outputField() != null) {
            return v.outputField();
        }
        Object o = v.value();
        if (o instanceof String) {
            return "CharField";
        }
        if (o instanceof Boolean) {
            return "BooleanField";
        }
        if (o instanceof Long || o instanceof Integer) {
            return "IntegerField";
        }
        if (o instanceof Double) {
            return "FloatField";
        }
        if (o instanceof BigDecimal) {
            return "DecimalField";
        }
        if (o instanceof LocalDateTime) {
            return "DateTimeField";
        }
        if (o instanceof LocalDate) {
            return "DateField";
        }
        if (o instanceof LocalTime) {
            return "TimeField";
        }
        if (o instanceof Duration) {
            return "DurationField";
        }
        return null;
    }
}
