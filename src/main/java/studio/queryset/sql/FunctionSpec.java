package studio.queryset.sql;

import studio.queryset.schema.ValueType;

/**
 * One function of {@code django.db.models} the product understands: its name, the arguments it takes, its SQL
 * where no database spells it its own way ({@code DialectOps.function} holds the per-database spellings, as
 * Django's {@code as_sqlite}/{@code as_postgresql}/{@code as_mysql}), the type of its result, one sentence of
 * help and the palette group it belongs to. {@link FunctionSpecs} is the table.
 *
 * @param sql       the generic SQL function ({@code LOWER}), or null when every database writes its own or the
 *                  compiler builds it (Extract, Trunc, Cast, the search functions)
 * @param onPalette whether the canvas palette offers it as a chip
 */
public record FunctionSpec(String name, Group group, Arguments arguments, Output output, String sql, String help,
                           boolean onPalette) {

    /** Palette and help groups, in palette order. */
    public enum Group {
        CONDITIONAL("Conditional"), TEXT("Text"), MATH("Math"), DATE("Date and time"), CONVERSION("Conversion"),
        AGGREGATE("Aggregates"), WINDOW("Window"), SEARCH("PostgreSQL search");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a function accepts: how many expressions (most = -1 for any number) and of which kind. */
    public record Arguments(int least, int most, Accepts accepts) {
        static Arguments of(int least, int most, Accepts accepts) {
            return new Arguments(least, most, accepts);
        }
    }

    /** The kind of value an argument should be (the palette and the inspector pick fields by it). */
    public enum Accepts { ANY, TEXT, NUMBER, TEMPORAL }

    /** How the result's type follows from the arguments (Django's {@code output_field} / _resolve_output_field). */
    public enum Output {
        TEXT, INTEGER, FLOAT, DATETIME,
        /** the first argument's type (Abs, Round, Lag...) */
        FIRST_ARGUMENT,
        /**
         * Django's NumericOutputFieldMixin (Sqrt, Power, Mod, Exp, Ln, Log, the trigonometric ones): a decimal when
         * an argument is one, else a float
         */
        NUMERIC,
        /** {@code output_field=} when given, else the first argument's type (Coalesce, Greatest, Least) */
        OUTPUT_FIELD_OR_FIRST,
        /** {@code output_field=}, required (Cast) */
        OUTPUT_FIELD,
        /** worked out by its own rule (Extract's and Trunc's kinds, an aggregate's, the search functions) */
        OWN;

        /** The result type for this rule, or null for {@link #OWN} and {@link #OUTPUT_FIELD}. */
        ValueType of(ValueType first, String outputField) {
            return switch (this) {
                case TEXT -> ValueType.TEXT;
                case INTEGER -> ValueType.INTEGER;
                case FLOAT -> ValueType.FLOAT;
                case DATETIME -> ValueType.DATETIME;
                case FIRST_ARGUMENT -> first;
                case NUMERIC -> first == ValueType.DECIMAL ? ValueType.DECIMAL : ValueType.FLOAT;
                case OUTPUT_FIELD_OR_FIRST -> outputField == null ? first : Functions.valueTypeOf(outputField);
                case OUTPUT_FIELD, OWN -> null;
            };
        }
    }
}
