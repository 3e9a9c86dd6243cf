package studio.queryset.sql;

import static studio.queryset.sql.LookupSpec.Operand.BOOLEAN;
import static studio.queryset.sql.LookupSpec.Operand.FIELD_VALUE;
import static studio.queryset.sql.LookupSpec.Operand.KEY;
import static studio.queryset.sql.LookupSpec.Operand.KEYS;
import static studio.queryset.sql.LookupSpec.Operand.LIST;
import static studio.queryset.sql.LookupSpec.Operand.NONE;
import static studio.queryset.sql.LookupSpec.Operand.PAIR;
import static studio.queryset.sql.LookupSpec.Operand.REGEX;
import static studio.queryset.sql.LookupSpec.Operand.TERMS;
import static studio.queryset.sql.LookupSpec.Operand.TEXT;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.LookupSpec.Operand;
import studio.queryset.sql.LookupSpec.Role;

/**
 * The lookups and transforms the compiler knows, one table: Django's registrations on its field classes
 * ({@code Field.register_lookup}), as far as this compiler writes them. The compiler, the field pickers, the
 * add-node search and the help text all read this.
 */
public final class LookupSpecs {
    private static final Set<ValueType> ANY = EnumSet.allOf(ValueType.class);
    private static final Set<ValueType> ORDERED = EnumSet.complementOf(EnumSet.of(ValueType.JSON));
    private static final Set<ValueType> TEXTUAL = EnumSet.of(ValueType.TEXT, ValueType.UUID);
    private static final Set<ValueType> DATES = EnumSet.of(ValueType.DATE, ValueType.DATETIME);
    private static final Set<ValueType> TIMES = EnumSet.of(ValueType.DATETIME, ValueType.TIME);

    private static final Map<String, LookupSpec> ALL = new LinkedHashMap<>();

    static {
        lookup("exact", ANY, FIELD_VALUE, "equals the value (None: IS NULL)", "compare");
        lookup("gt", ORDERED, FIELD_VALUE, "greater than the value", "compare");
        lookup("gte", ORDERED, FIELD_VALUE, "greater than or equal to the value", "compare");
        lookup("lt", ORDERED, FIELD_VALUE, "less than the value", "compare");
        lookup("lte", ORDERED, FIELD_VALUE, "less than or equal to the value", "compare");
        lookup("in", ORDERED, LIST, "one of the values in the list (or the queryset)", "compare");
        lookup("range", ORDERED, PAIR, "between start and end, both included", "compare");
        lookup("isnull", ANY, BOOLEAN, "has no value (True) or has one (False)", "null");
        lookup("iexact", TEXTUAL, TEXT, "equals the text, ignoring case", "text");
        lookup("contains", union(TEXTUAL, EnumSet.of(ValueType.JSON)), TEXT,
                "contains the text, case-sensitive (on a JSONField: contains the document)", "text");
        lookup("icontains", TEXTUAL, TEXT, "contains the text, ignoring case", "text");
        lookup("startswith", TEXTUAL, TEXT, "starts with the text, case-sensitive", "text");
        lookup("istartswith", TEXTUAL, TEXT, "starts with the text, ignoring case", "text");
        lookup("endswith", TEXTUAL, TEXT, "ends with the text, case-sensitive", "text");
        lookup("iendswith", TEXTUAL, TEXT, "ends with the text, ignoring case", "text");
        lookup("regex", TEXTUAL, REGEX, "matches the regular expression, case-sensitive", "text");
        lookup("iregex", TEXTUAL, REGEX, "matches the regular expression, ignoring case", "text");
        lookup("search", EnumSet.of(ValueType.TEXT), TERMS, "full-text search (PostgreSQL only)", "text");
        lookup("has_key", EnumSet.of(ValueType.JSON), KEY, "the JSON document has the key", "json");
        // Django has these; the compiler does not write them yet, so no field offers them
        lookup("has_keys", Set.of(), KEYS, "the JSON document has all the keys (not supported yet)", "json");
        lookup("has_any_keys", Set.of(), KEYS, "the JSON document has any of the keys (not supported yet)", "json");
        transform("year", DATES, ValueType.INTEGER, "the year (then a lookup: __year__gte=2024)");
        transform("iso_year", DATES, ValueType.INTEGER, "the ISO-8601 week-numbering year");
        transform("quarter", DATES, ValueType.INTEGER, "the quarter of the year, 1 to 4");
        transform("month", DATES, ValueType.INTEGER, "the month, 1 to 12");
        transform("week", DATES, ValueType.INTEGER, "the ISO-8601 week number, 1 to 53");
        transform("week_day", DATES, ValueType.INTEGER, "the day of the week, 1 (Sunday) to 7 (Saturday)");
        transform("iso_week_day", DATES, ValueType.INTEGER, "the ISO-8601 day of the week, 1 (Monday) to 7");
        transform("day", DATES, ValueType.INTEGER, "the day of the month");
        transform("date", EnumSet.of(ValueType.DATETIME), ValueType.DATE, "the date part of the datetime");
        transform("time", EnumSet.of(ValueType.DATETIME), ValueType.TIME, "the time part of the datetime");
        transform("hour", TIMES, ValueType.INTEGER, "the hour, 0 to 23");
        transform("minute", TIMES, ValueType.INTEGER, "the minute, 0 to 59");
        transform("second", TIMES, ValueType.INTEGER, "the second, 0 to 59");
    }

    private LookupSpecs() {
    }

    private static void lookup(String name, Set<ValueType> accepts, Operand operand, String help, String group) {
        ALL.put(name, new LookupSpec(name, Role.LOOKUP, accepts, operand, null, help, group));
    }

    private static void transform(String name, Set<ValueType> accepts, ValueType output, String help) {
        String group = output == ValueType.INTEGER && accepts.contains(ValueType.DATE) ? "date part" : "time part";
        if (name.equals("date")) {
            group = "date part";
        }
        ALL.put(name, new LookupSpec(name, Role.TRANSFORM, accepts, NONE, output, help, group));
    }

    private static Set<ValueType> union(Set<ValueType> a, Set<ValueType> b) {
        Set<ValueType> out = EnumSet.copyOf(a);
        out.addAll(b);
        return out;
    }

    /** Every spec, lookups first, in the table's order. */
    public static List<LookupSpec> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<LookupSpec> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** A lookup name ({@code icontains}): ends a path. */
    public static boolean isLookup(String name) {
        LookupSpec s = ALL.get(name);
        return s != null && !s.isTransform();
    }

    /** A transform name ({@code year}): changes the column, a lookup may follow. */
    public static boolean isTransform(String name) {
        LookupSpec s = ALL.get(name);
        return s != null && s.isTransform();
    }

    /** Either: a name that is not a field in a path. */
    public static boolean isLookupOrTransform(String name) {
        return ALL.containsKey(name);
    }

    /** The specs registered on fields of {@code type}, sorted by name: what pickers offer. */
    public static List<LookupSpec> forType(ValueType type) {
        List<LookupSpec> out = new ArrayList<>();
        for (LookupSpec s : ALL.values()) {
            if (s.accepts(type)) {
                out.add(s);
            }
        }
        out.sort(java.util.Comparator.comparing(LookupSpec::name));
        return out;
    }

    /** The names of {@link #forType}. */
    public static List<String> namesFor(ValueType type) {
        return forType(type).stream().map(LookupSpec::name).toList();
    }

    /** The names of one role, for the compiler's sets. */
    static Set<String> names(Role role) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (LookupSpec s : ALL.values()) {
            if (s.role() == role) {
                out.add(s.name());
            }
        }
        return Set.copyOf(out);
    }
}
