package studio.queryset.sql;

import java.util.Set;
import studio.queryset.schema.ValueType;

/**
 * One lookup or transform as Django registers it on its fields ({@code lookup_name = "icontains"}): the types of
 * field it is registered on, what value it compares with, what a transform turns the column into, a sentence for
 * help and the group the pickers show it in. The operator SQL itself is the backend's, per dialect
 * ({@link studio.queryset.sql.dialect.DialectOps}), as in Django; {@link #sql} renders it.
 *
 * @param name    the name in a path ({@code icontains}, {@code year})
 * @param role    a lookup (ends a path, takes a value) or a transform (changes the column, more may follow)
 * @param accepts the value types of the fields it is registered on (empty: a name Django knows that this compiler
 *                refuses, kept so that a path using it is an error rather than a JSON key)
 * @param operand what the value is
 * @param output  the type a transform yields (null for a lookup)
 * @param help    one sentence for pickers and help
 * @param group   the pickers' group
 */
public record LookupSpec(String name, Role role, Set<ValueType> accepts, Operand operand, ValueType output,
                         String help, String group) {

    public LookupSpec {
        accepts = Set.copyOf(accepts);
    }

    /** Ends a path and compares, or changes the column. */
    public enum Role { LOOKUP, TRANSFORM }

    /** The value a lookup compares with, as a user would type it. */
    public enum Operand {
        /** A value of the field's own type ({@code exact}, {@code gt}). */
        FIELD_VALUE("a value like the field's"),
        /** Text matched as a LIKE pattern, its wildcards escaped. */
        TEXT("text"),
        /** A regular expression. */
        REGEX("a regular expression"),
        /** Search terms. */
        TERMS("search terms"),
        /** A list (or a queryset) of values. */
        LIST("a list of values"),
        /** Two values: start and end, both included. */
        PAIR("(start, end)"),
        /** True or False. */
        BOOLEAN("True or False"),
        /** A key name of a JSON document. */
        KEY("a key name"),
        /** Key names of a JSON document. */
        KEYS("a list of key names"),
        /** A transform takes no value: a lookup follows it. */
        NONE("a lookup after it");

        private final String words;

        Operand(String words) {
            this.words = words;
        }

        /** How help text names it. */
        public String words() {
            return words;
        }
    }

    public boolean isTransform() {
        return role == Role.TRANSFORM;
    }

    /** Registered on fields of this type. */
    public boolean accepts(ValueType type) {
        return accepts.contains(type);
    }

    /** The label a picker shows: the name and its help ({@code icontains  contains the text, any case}). */
    public String label() {
        return name + "  " + help;
    }

    /**
     * The SQL it writes on {@code dialect} for a column {@code column} and one bound value, as the compiler
     * writes it: {@code "title" LIKE ? ESCAPE '\'}, {@code django_date_extract('year', "published_at")}; empty
     * where the database has no such lookup ({@code search} outside PostgreSQL).
     */
    public java.util.Optional<String> sql(Dialect dialect, String column, ValueType columnType) {
        try {
            return java.util.Optional.of(render(dialect, column, columnType));
        } catch (studio.queryset.query.QueryException e) {
            return java.util.Optional.empty();
        }
    }

    private String render(Dialect dialect, String column, ValueType columnType) {
        Typed lhs = Typed.of(Frag.of(column), columnType);
        if (isTransform()) {
            return Lookups.transform(dialect, name, lhs).frag().sql();
        }
        Frag value = Frag.param("x");
        return switch (name) {
            case "isnull" -> column + " IS NULL";
            case "in" -> Lookups.in(lhs, java.util.List.of(value, value)).sql();
            case "range" -> Frag.format("%s BETWEEN %s AND %s", lhs.frag(), value, value).sql();
            case "has_key", "has_keys", "has_any_keys" -> JsonSql.hasKey(dialect, lhs, "key").sql();
            default -> Lookups.compare(dialect, name, lhs, value, false).sql();
        };
    }
}
