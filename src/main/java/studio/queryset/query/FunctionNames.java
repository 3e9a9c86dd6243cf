package studio.queryset.query;

import java.util.List;
import java.util.Set;

/** The names of {@code django.db.models} functions and aggregates the product understands. */
public final class FunctionNames {
    private FunctionNames() {
    }

    public static final Set<String> AGGREGATES = Set.of("Count", "Sum", "Avg", "Max", "Min", "StdDev", "Variance");

    public static final List<String> FUNCTIONS = List.of("Coalesce", "Concat", "Lower", "Upper", "Length", "Now",
            "Cast", "Greatest", "Least", "NullIf", "Substr", "Trim", "LTrim", "RTrim", "Replace", "Abs", "Round",
            "Ceil", "Floor", "Sqrt", "Power", "Mod", "Extract", "ExtractYear", "ExtractMonth", "ExtractDay",
            "ExtractHour", "ExtractMinute", "ExtractSecond", "ExtractWeekDay", "ExtractIsoWeekDay", "ExtractQuarter",
            "ExtractWeek", "ExtractIsoYear", "Trunc", "TruncYear", "TruncQuarter", "TruncMonth", "TruncDay",
            "TruncDate", "TruncHour", "TruncMinute", "TruncSecond", "StrIndex", "Left", "Right", "Reverse",
            "Repeat", "SearchVector", "SearchQuery", "SearchRank", "Random", "Sign", "Exp", "Ln", "Log", "Pi", "Sin",
            "Cos", "Tan", "Cot", "ASin", "ACos", "ATan", "ATan2", "Degrees", "Radians", "TruncWeek", "TruncTime",
            "ConcatPair", "LPad", "RPad", "Ord", "Chr", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512");

    /** The window functions of {@code django.db.models.functions.window}: only inside {@code Window(...)}. */
    public static final List<String> WINDOW_FUNCTIONS = List.of("RowNumber", "Rank", "DenseRank", "PercentRank",
            "CumeDist", "Ntile", "Lag", "Lead", "FirstValue", "LastValue", "NthValue");

    /** Whether {@code name} is a function or window function the parser accepts. */
    public static boolean isFunction(String name) {
        return FUNCTIONS.contains(name) || WINDOW_FUNCTIONS.contains(name);
    }

    /**
     * The position a keyword argument of a function stands for ({@code Lag(expression, offset=1, default=None)}),
     * or -1 when the keyword is not one of its arguments.
     */
    public static int keywordPosition(String function, String keyword) {
        return switch (function + "." + keyword) {
            case "Lag.expression", "Lead.expression", "NthValue.expression", "FirstValue.expression",
                 "LastValue.expression", "Ntile.num_buckets" -> 0;
            case "Lag.offset", "Lead.offset", "NthValue.nth" -> 1;
            case "Lag.default", "Lead.default" -> 2;
            default -> -1;
        };
    }

    /** Django's default for a positional argument left out before a later one is given (Lag's offset), or null. */
    public static Object argumentDefault(String function, int index) {
        return (function.equals("Lag") || function.equals("Lead")) && index == 1 ? 1L : null;
    }

    /** Positional arguments after the expression that are options, not expressions. */
    public static String positionalOption(String function, int index) {
        if (function.equals("Extract") && index == 1) {
            return "lookup_name";
        }
        if (function.equals("Trunc") && index == 1) {
            return "kind";
        }
        return null;
    }

    /**
     * Arguments Django 3.2 compares with a number in the function's constructor ({@code Substr}'s pos,
     * {@code Left}'s length, {@code Repeat}'s number, {@code LPad}'s length): a string there is a TypeError.
     */
    public static boolean numberArgument(String function, int index) {
        return switch (function) {
            case "Substr", "Left", "Right", "Repeat", "LPad", "RPad" -> index == 1;
            default -> false;
        };
    }

    /** Arguments that are literal values, not field names, when given as strings. */
    public static boolean literalArgument(String function, int index) {
        return switch (function) {
            case "Substr", "Left", "Right", "Repeat" -> index >= 1;
            case "LPad", "RPad" -> index == 1;
            case "SearchQuery", "Ntile" -> index == 0;
            case "Lag", "Lead", "NthValue" -> index == 1;
            default -> false;
        };
    }
}
