package studio.queryset.sql.dialect;

import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.Frag;

/**
 * What differs between the databases the compiler writes for, in one place per database (Django keeps the same
 * knowledge in each backend's {@code operations.py}, {@code base.py} operators and {@code features.py}).
 * The compiler asks these questions and never tests which database it is writing for.
 */
public sealed interface DialectOps permits SqliteOps, PostgresOps, MariaDbOps {

    static DialectOps of(Dialect d) {
        return switch (d) {
            case SQLITE -> SqliteOps.INSTANCE;
            case POSTGRESQL -> PostgresOps.INSTANCE;
            case MARIADB -> MariaDbOps.INSTANCE;
        };
    }

    Dialect dialect();

    String displayName();

    /** The identifier quoted: double quotes on SQLite and PostgreSQL, backticks on MariaDB/MySQL. */
    String quote(String identifier);

    /** {@code "alias"."column"}: a column of a table alias, as the compiler writes nearly every column. */
    String qualified(String alias, String column);

    /** {@link #qualified} with {@code mark}s: one string built when neither name holds a mark. */
    static String qualified(String alias, String column, char mark) {
        if (alias.indexOf(mark) < 0 && column.indexOf(mark) < 0) {
            return mark + alias + mark + '.' + mark + column + mark;
        }
        return quoted(alias, mark) + "." + quoted(column, mark);
    }

    /** {@code identifier} between {@code mark}s, a mark inside doubled; most names hold none (no copy then). */
    static String quoted(String identifier, char mark) {
        if (identifier.indexOf(mark) < 0) {
            return mark + identifier + mark;
        }
        String m = String.valueOf(mark);
        return m + identifier.replace(m, m + m) + m;
    }

    /** How this database reads SQL text (for the write guard's tokenizer). */
    Lexis lexis();

    // ---------------------------------------------------------------- feature flags (Django's features.py)

    /** {@code SELECT DISTINCT ON (...)}: PostgreSQL only. */
    default boolean distinctOnFields() {
        return false;
    }

    /** {@code __search} and the Search* functions (PostgreSQL's full-text search). */
    default boolean fullTextSearch() {
        return false;
    }

    /**
     * {@code __search} is Django's FieldError (an unknown lookup) rather than our NotSupportedError: MariaDB
     * follows Django there; SQLite keeps its older, friendlier refusal.
     */
    default boolean searchIsUnknownLookup() {
        return false;
    }

    /** {@code intersection()} / {@code difference()} (MySQL/MariaDB in Django 3.2: no). */
    default boolean selectIntersectionAndDifference() {
        return true;
    }

    /** supports_slicing_ordering_in_compound: parts of a UNION may carry ORDER BY / LIMIT, in parentheses. */
    boolean slicingOrderingInCompound();

    /** {@code AGG(x) FILTER (WHERE ...)}; without it Django writes {@code AGG(CASE WHEN ... THEN x ELSE NULL END)}. */
    boolean aggregateFilterClause();

    /**
     * A RANGE window frame with an offset ({@code ValueRange(start=-5)}); Django 3.2 refuses it on PostgreSQL
     * (only_supports_unbounded_with_preceding_and_following).
     */
    default boolean rangeFrameOffsets() {
        return true;
    }

    /** allows_group_by_pk: a GROUP BY that contains the base table's pk collapses to it (MySQL). */
    default boolean groupByPk() {
        return false;
    }

    /**
     * allows_group_by_selected_pks: a table whose pk is grouped drops its other columns from GROUP BY
     * (PostgreSQL's functional dependency).
     */
    default boolean groupBySelectedPks() {
        return false;
    }

    /** force_no_ordering: a grouped query without ORDER BY gets {@code ORDER BY NULL} (MySQL's implicit sort). */
    default boolean orderByNullWhenGrouped() {
        return false;
    }

    /**
     * Keys per prefetch IN list: under SQLite's 32766 host parameters (3.32+), PostgreSQL's 65535 binds and
     * MariaDB's 65535 placeholders, with room left for the child query's own parameters.
     */
    default int prefetchBatchSize() {
        return 32_000;
    }

    /** PostgreSQL streams a result (fetch size) only inside a transaction; the others stream in autocommit. */
    default boolean streamsInsideTransaction() {
        return false;
    }

    /**
     * raw() reads run in a {@code READ ONLY} transaction that is rolled back (PostgreSQL, MariaDB); SQLite has
     * none and relies on its read-only connection.
     */
    default boolean readOnlyTransactions() {
        return true;
    }

    // ---------------------------------------------------------------- values

    /** The value sent for an already coerced Python value (Django's adapt_*_value and the driver's adapters). */
    Object bind(Object coerced);

    /** A bound literal used as an expression (PostgreSQL needs a type for a bare parameter in a SELECT list). */
    default Frag literal(Object original, Object bound) {
        return Frag.param(bound);
    }

    /** Bound parameters for raw() SQL that do not match its placeholders: the error the driver raises. */
    QueryException rawParameterMismatch(int used, int given);

    // ---------------------------------------------------------------- lookups and transforms

    /** {@code lhs <lookup> rhs} for the operator table (exact, gt, ..., contains, iexact, regex, search). */
    Frag compare(String lookup, Frag lhs, ValueType lhsType, Frag rhs, boolean rhsIsExpression);

    /** The bound value of a pattern lookup against a literal: wildcards escaped and wrapped. */
    default String pattern(String lookup, Object value) {
        String s = String.valueOf(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return switch (lookup) {
            case "contains", "icontains" -> "%" + s + "%";
            case "startswith", "istartswith" -> s + "%";
            case "endswith", "iendswith" -> "%" + s;
            default -> s;
        };
    }

    /** A date/time transform ({@code __year}, {@code __date}, Extract*) of a column's SQL. */
    String transform(String transform, String column);

    /**
     * {@code flag=True} as {@code WHERE flag} and {@code flag=False} as {@code WHERE NOT flag} (Django 3.2's Exact
     * on a BooleanField). Only MariaDB writes it so here: the SQLite and PostgreSQL output predates it and is
     * kept byte for byte (same rows either way).
     */
    default boolean booleanExactAsCondition() {
        return false;
    }

    /** {@code __year=2024}: Django's YearExact turns it into a BETWEEN on the backends that ask for it. */
    default boolean yearLookupAsBetween() {
        return false;
    }

    // ---------------------------------------------------------------- functions and expressions

    /**
     * The function as this database spells it, or null when the generic {@code NAME(args...)} form of
     * {@code Functions} applies (Django's {@code as_sqlite} / {@code as_postgresql} / {@code as_mysql}).
     */
    Frag function(String name, List<Frag> args);

    /** Sum/Avg of a duration (Django's FixDurationInputMixin): MySQL's gives a decimal, cast back to microseconds. */
    default Frag durationAggregate(Frag aggregate) {
        return aggregate;
    }

    /** A duration combined with another type by {@code operator} (Django's combine_duration_expression). */
    default void checkDurationConnector(String operator) {
    }

    /** Django's has_native_duration_field: an interval type that Extract can read parts of. */
    default boolean nativeDuration() {
        return false;
    }

    /**
     * A float argument of Mod or Log as Django's FixDecimalInputMixin passes it: PostgreSQL has no MOD or LOG
     * over double precision, so it casts to numeric there.
     */
    default Frag decimalInput(Frag floatArgument) {
        return floatArgument;
    }

    /**
     * {@code Cast(x, DecimalField(max_digits=m, decimal_places=p))} where the database's decimal type takes them
     * (Django's numeric(%(max_digits)s, %(decimal_places)s)), or null to cast as {@link #cast} does.
     */
    default Frag castDecimal(Frag arg, int maxDigits, int decimalPlaces) {
        return null;
    }

    /** {@code Cast(x, output_field=...)}. */
    Frag cast(Frag arg, String fieldClass, ValueType target);

    /** Trunc* of a value of type {@code argType} to {@code kind}, giving {@code out}. */
    Frag trunc(String kind, Frag arg, ValueType argType, ValueType out);

    /** {@code a ** b}. */
    default Frag power(Frag l, Frag r) {
        return Frag.format("POWER(%s, %s)", l, r);
    }

    /** date/datetime +/- duration. */
    Frag temporalShift(String op, Frag temporal, Frag duration, boolean durationFirst);

    /** datetime - datetime, date - date: a duration. */
    Frag temporalDifference(Frag l, Frag r, ValueType type);

    /** Sum/Avg/StdDev/Variance over a date/time column: SQLite refuses them (dates are text there). */
    default void checkNumericAggregate(ValueType argType) {
    }

    /** Avg of an integer column: PostgreSQL casts to double precision as Django's output does. */
    default Frag avgOfInteger(Frag avg) {
        return avg;
    }

    // ---------------------------------------------------------------- ordering, slicing, compounds

    String random();

    /**
     * One ORDER BY term with its direction ({@code " ASC"}/{@code " DESC"}) and nulls placement (null for the
     * database's default): the terms to add, as Django 3.2's OrderBy.as_sql writes them.
     */
    List<Frag> orderTerm(Frag expression, String direction, Boolean nullsFirst, Boolean nullsLast);

    /** A slice with an offset and no end: {@code [10:]}. */
    String offsetOnly(long low);

    // ---------------------------------------------------------------- JSONField

    Frag jsonKeyTransform(Frag column, List<String> keys);

    Frag jsonKeyText(Frag column, List<String> keys);

    Frag jsonHasKey(Frag column, String key);

    Frag jsonEquals(Frag lhs, String jsonText);

    /** Equality of a whole JSON document (no key) with a value's JSON text. */
    default Frag jsonDocumentEquals(Frag column, String jsonText) {
        return jsonEquals(column, jsonText);
    }

    /**
     * Django's JSONExact with None: the document (or the key) holds JSON {@code null}, not SQL NULL. {@code value}
     * is the compared side as {@link #jsonEquals} takes it (MySQL's JSON_UNQUOTE already around it).
     */
    default Frag jsonIsJsonNull(Frag column, List<String> keys, Frag value) {
        return jsonEquals(value, "null");
    }

    /** {@code key=value} compares the unquoted key (Django's lookup_cast on MariaDB: JSON_UNQUOTE). */
    default boolean jsonKeyExactUnquoted() {
        return false;
    }

    /** A JSON key's text compares case-sensitively (utf8mb4_bin on MySQL/MariaDB): i... lookups LOWER both sides. */
    default boolean jsonKeyTextBinary() {
        return false;
    }

    /** {@code contains} on a whole JSON document. */
    Frag jsonContains(Frag lhs, String jsonText);

    // ---------------------------------------------------------------- shared helpers

    static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The {@code $."a"[0]} path of JSON_EXTRACT (SQLite and MySQL). */
    static String jsonPath(List<String> keys) {
        StringBuilder sb = new StringBuilder("$");
        for (String k : keys) {
            if (k.matches("\\d+")) {
                sb.append('[').append(k).append(']');
            } else {
                sb.append(".\"").append(k.replace("\"", "\\\"")).append('"');
            }
        }
        return sb.toString();
    }

    static QueryException unknownTransform(String transform) {
        return QueryException.fieldError("Unsupported lookup '" + transform + "'").about(transform);
    }
}
