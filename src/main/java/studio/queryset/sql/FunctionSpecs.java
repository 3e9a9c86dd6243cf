package studio.queryset.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studio.queryset.sql.FunctionSpec.Accepts;
import studio.queryset.sql.FunctionSpec.Arguments;
import studio.queryset.sql.FunctionSpec.Group;
import studio.queryset.sql.FunctionSpec.Output;

/**
 * The one table of functions: the compiler reads the result types, argument counts and generic SQL from it, the
 * canvas palette its chips, the inspector its function choices, the help panels their sentences. The parser's
 * list of names ({@code query/FunctionNames}) must name exactly these (FunctionSpecsTest holds it).
 */
public final class FunctionSpecs {
    private FunctionSpecs() {
    }

    private static final Map<String, FunctionSpec> BY_NAME = new LinkedHashMap<>();

    private static void add(String name, Group group, int least, int most, Accepts accepts, Output output, String sql,
                            boolean palette, String help) {
        BY_NAME.put(name, new FunctionSpec(name, group, Arguments.of(least, most, accepts), output, sql, help,
                palette));
    }

    private static void fn(String name, Group group, int least, int most, Accepts accepts, Output output, String sql,
                           String help) {
        add(name, group, least, most, accepts, output, sql, false, help);
    }

    static {
        // the palette's chips, in palette order
        add("Coalesce", Group.CONDITIONAL, 2, -1, Accepts.ANY, Output.OUTPUT_FIELD_OR_FIRST, "COALESCE", true,
                "Coalesce(): COALESCE(a, b, ...) — the first argument that is not NULL.");
        add("Concat", Group.TEXT, 2, -1, Accepts.TEXT, Output.TEXT, null, true,
                "Concat(): joins texts (|| on SQLite and PostgreSQL); NULL parts count as ''.");
        add("Lower", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "LOWER", true, "Lower(): LOWER(text).");
        add("Upper", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "UPPER", true, "Upper(): UPPER(text).");
        add("Length", Group.TEXT, 1, 1, Accepts.TEXT, Output.INTEGER, "LENGTH", true,
                "Length(): LENGTH(text) — characters, NULL for NULL.");
        add("Now", Group.DATE, 0, 0, Accepts.ANY, Output.DATETIME, null, true,
                "Now(): the database's current timestamp (CURRENT_TIMESTAMP).");
        add("Greatest", Group.CONDITIONAL, 2, -1, Accepts.ANY, Output.OUTPUT_FIELD_OR_FIRST, null, true,
                "Greatest(): the largest argument (MAX(a, b) on SQLite, GREATEST on PostgreSQL).");
        add("Least", Group.CONDITIONAL, 2, -1, Accepts.ANY, Output.OUTPUT_FIELD_OR_FIRST, null, true,
                "Least(): the smallest argument (MIN(a, b) on SQLite, LEAST on PostgreSQL).");
        add("Cast", Group.CONVERSION, 1, 1, Accepts.ANY, Output.OUTPUT_FIELD, null, true,
                "Cast(): CAST(expr AS type) to the output_field's column type.");
        add("Count", Group.AGGREGATE, 1, 1, Accepts.ANY, Output.OWN, "COUNT", true,
                "Count(): COUNT(column) over each group (the joined rows per object); distinct=True counts each "
                        + "value once, filter= counts only rows matching the Q.");
        add("Sum", Group.AGGREGATE, 1, 1, Accepts.NUMBER, Output.OWN, "SUM", true,
                "Sum(): SUM over each group; NULL when the group is empty (Coalesce it to 0).");
        add("Avg", Group.AGGREGATE, 1, 1, Accepts.NUMBER, Output.OWN, "AVG", true,
                "Avg(): AVG over each group — a float; NULL for an empty group.");
        add("Max", Group.AGGREGATE, 1, 1, Accepts.ANY, Output.OWN, "MAX", true,
                "Max(): MAX over each group (latest date, longest ...).");
        add("Min", Group.AGGREGATE, 1, 1, Accepts.ANY, Output.OWN, "MIN", true, "Min(): MIN over each group.");
        // the rest, by group
        fn("StdDev", Group.AGGREGATE, 1, 1, Accepts.NUMBER, Output.OWN, null,
                "StdDev(): standard deviation over each group.");
        fn("Variance", Group.AGGREGATE, 1, 1, Accepts.NUMBER, Output.OWN, null, "Variance(): variance over each group.");
        fn("NullIf", Group.CONDITIONAL, 2, 2, Accepts.ANY, Output.FIRST_ARGUMENT, "NULLIF",
                "NullIf(): NULLIF(a, b) — NULL when a equals b, else a.");
        fn("Substr", Group.TEXT, 2, 3, Accepts.TEXT, Output.TEXT, null,
                "Substr(): SUBSTR(text, position, length) — positions count from 1.");
        fn("Trim", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "TRIM", "Trim(): TRIM(text) — spaces off both ends.");
        fn("LTrim", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "LTRIM", "LTrim(): LTRIM(text) — leading spaces off.");
        fn("RTrim", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "RTRIM",
                "RTrim(): RTRIM(text) — trailing spaces off.");
        fn("Replace", Group.TEXT, 2, 3, Accepts.TEXT, Output.TEXT, "REPLACE",
                "Replace(): REPLACE(text, old, new) — new is '' when left out.");
        fn("StrIndex", Group.TEXT, 2, 2, Accepts.TEXT, Output.INTEGER, null,
                "StrIndex(): where the substring first starts (from 1), 0 when it is not there.");
        fn("Left", Group.TEXT, 2, 2, Accepts.TEXT, Output.TEXT, null, "Left(): the first n characters.");
        fn("Right", Group.TEXT, 2, 2, Accepts.TEXT, Output.TEXT, null, "Right(): the last n characters.");
        fn("Reverse", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "REVERSE", "Reverse(): the text backwards.");
        fn("Repeat", Group.TEXT, 2, 2, Accepts.TEXT, Output.TEXT, null, "Repeat(): the text n times.");
        fn("ConcatPair", Group.TEXT, 2, 2, Accepts.TEXT, Output.TEXT, null,
                "ConcatPair(): joins two texts (Concat's building block); NULL parts count as ''.");
        fn("LPad", Group.TEXT, 2, 3, Accepts.TEXT, Output.TEXT, "LPAD",
                "LPad(): LPad(text, length, fill_text=Value(' ')) — padded on the left (cut) to length.");
        fn("RPad", Group.TEXT, 2, 3, Accepts.TEXT, Output.TEXT, "RPAD",
                "RPad(): RPad(text, length, fill_text=Value(' ')) — padded on the right (cut) to length.");
        fn("Ord", Group.TEXT, 1, 1, Accepts.TEXT, Output.INTEGER, "ASCII",
                "Ord(): the code point of the first character.");
        // Django 3.2's Chr has no output_field: its result takes the argument's (an integer) type
        fn("Chr", Group.TEXT, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, "CHR",
                "Chr(): the character of a code point.");
        fn("MD5", Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, "MD5", "MD5(): the MD5 hash in hex.");
        for (String sha : List.of("SHA1", "SHA224", "SHA256", "SHA384", "SHA512")) {
            fn(sha, Group.TEXT, 1, 1, Accepts.TEXT, Output.TEXT, sha, sha + "(): the " + sha + " hash in hex.");
        }
        fn("Abs", Group.MATH, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, "ABS", "Abs(): ABS(number).");
        fn("Round", Group.MATH, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, "ROUND",
                "Round(): ROUND(number) — to a whole number (Django 3.2 takes no places).");
        fn("Ceil", Group.MATH, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, null,
                "Ceil(): the smallest whole number not below it.");
        fn("Floor", Group.MATH, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, "FLOOR",
                "Floor(): the largest whole number not above it.");
        fn("Sqrt", Group.MATH, 1, 1, Accepts.NUMBER, Output.NUMERIC, "SQRT",
                "Sqrt(): the square root, a float (a decimal of a decimal).");
        fn("Power", Group.MATH, 2, 2, Accepts.NUMBER, Output.NUMERIC, "POWER",
                "Power(): a to the power b, a float (a decimal when either is one).");
        fn("Mod", Group.MATH, 2, 2, Accepts.NUMBER, Output.NUMERIC, "MOD",
                "Mod(): the remainder of a / b, a float (a decimal when either is one).");
        fn("Sign", Group.MATH, 1, 1, Accepts.NUMBER, Output.FIRST_ARGUMENT, "SIGN", "Sign(): -1, 0 or 1.");
        fn("Exp", Group.MATH, 1, 1, Accepts.NUMBER, Output.NUMERIC, "EXP", "Exp(): e to the power x.");
        fn("Ln", Group.MATH, 1, 1, Accepts.NUMBER, Output.NUMERIC, "LN", "Ln(): the natural logarithm.");
        fn("Log", Group.MATH, 2, 2, Accepts.NUMBER, Output.NUMERIC, "LOG", "Log(): Log(base, x) — the logarithm of x.");
        fn("Pi", Group.MATH, 0, 0, Accepts.ANY, Output.FLOAT, "PI", "Pi(): the number pi.");
        for (String trig : List.of("Sin", "Cos", "Tan", "Cot", "ASin", "ACos", "ATan", "Degrees", "Radians")) {
            fn(trig, Group.MATH, 1, 1, Accepts.NUMBER, Output.NUMERIC, trig.toUpperCase(java.util.Locale.ROOT),
                    trig + "(): " + trig.toUpperCase(java.util.Locale.ROOT) + "(x), a float.");
        }
        fn("ATan2", Group.MATH, 2, 2, Accepts.NUMBER, Output.NUMERIC, "ATAN2",
                "ATan2(): ATan2(y, x) — the angle of the point (x, y), a float.");
        fn("Random", Group.MATH, 0, 0, Accepts.ANY, Output.FLOAT, null, "Random(): a random number per row.");
        for (String part : List.of("", "Year", "Month", "Day", "Hour", "Minute", "Second", "WeekDay", "IsoWeekDay",
                "Quarter", "Week", "IsoYear")) {
            fn("Extract" + part, Group.DATE, 1, 1, Accepts.TEMPORAL, Output.OWN, null, "Extract" + part
                    + "(): one part of a date or datetime as a number" + (part.isEmpty() ? " (lookup_name= names it)"
                    : "") + ".");
        }
        for (String part : List.of("", "Year", "Quarter", "Month", "Week", "Day", "Date", "Time", "Hour", "Minute",
                "Second")) {
            fn("Trunc" + part, Group.DATE, 1, 1, Accepts.TEMPORAL, Output.OWN, null, "Trunc" + part
                    + "(): the date or datetime cut down to the start of its " + (part.isEmpty() ? "kind= "
                    : part.toLowerCase(java.util.Locale.ROOT) + " ") + "period.");
        }
        fn("SearchVector", Group.SEARCH, 1, -1, Accepts.TEXT, Output.OWN, null,
                "SearchVector(): PostgreSQL's to_tsvector over the texts, for full-text search.");
        fn("SearchQuery", Group.SEARCH, 1, 1, Accepts.TEXT, Output.OWN, null,
                "SearchQuery(): PostgreSQL's plainto_tsquery of the words searched for.");
        fn("SearchRank", Group.SEARCH, 2, 2, Accepts.ANY, Output.OWN, null,
                "SearchRank(): PostgreSQL's ts_rank — how well a vector matches a query.");
        window("RowNumber", 0, 0, Output.INTEGER, "ROW_NUMBER", "the row's number in its partition, from 1.");
        window("Rank", 0, 0, Output.INTEGER, "RANK", "the row's rank in its partition, ties sharing one and "
                + "leaving gaps.");
        window("DenseRank", 0, 0, Output.INTEGER, "DENSE_RANK", "the row's rank with no gaps after ties.");
        window("PercentRank", 0, 0, Output.FLOAT, "PERCENT_RANK", "(rank - 1) / (rows - 1), from 0 to 1.");
        window("CumeDist", 0, 0, Output.FLOAT, "CUME_DIST", "the share of rows up to and tied with this one.");
        window("Ntile", 0, 1, Output.INTEGER, "NTILE", "which of num_buckets equal groups the row falls in.");
        window("Lag", 1, 3, Output.FIRST_ARGUMENT, "LAG", "the value offset rows before (default= when none).");
        window("Lead", 1, 3, Output.FIRST_ARGUMENT, "LEAD", "the value offset rows after (default= when none).");
        window("FirstValue", 1, 1, Output.FIRST_ARGUMENT, "FIRST_VALUE", "the value on the frame's first row.");
        window("LastValue", 1, 1, Output.FIRST_ARGUMENT, "LAST_VALUE", "the value on the frame's last row (the "
                + "current row unless frame= reaches further).");
        window("NthValue", 1, 2, Output.FIRST_ARGUMENT, "NTH_VALUE", "the value on the frame's nth row.");
    }

    private static void window(String name, int least, int most, Output output, String sql, String what) {
        fn(name, Group.WINDOW, least, most, Accepts.ANY, output, sql, name + "(): a window function, used as "
                + "Window(expression=" + name + "(), partition_by=..., order_by=...): " + what);
    }

    /** Every function, palette chips first. */
    public static List<FunctionSpec> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<FunctionSpec> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The palette's function chips, in palette order. */
    public static List<FunctionSpec> palette() {
        return BY_NAME.values().stream().filter(FunctionSpec::onPalette).toList();
    }

    /**
     * The names the inspector offers for a function node: the plain functions (not aggregates, which have their
     * own node, nor window functions, which need a Window), palette ones first.
     */
    public static List<String> functionChoices() {
        return BY_NAME.values().stream().filter(s -> s.group() != Group.AGGREGATE && s.group() != Group.WINDOW)
                .map(FunctionSpec::name).toList();
    }
}
