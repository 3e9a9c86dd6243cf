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
            "Repeat", "SearchVector", "SearchQuery", "SearchRank", "Random");

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

    /** Arguments that are literal values, not field names, when given as strings. */
    public static boolean literalArgument(String function, int index) {
        return switch (function) {
            case "Substr", "Left", "Right", "Repeat", "Round", "Power", "Mod" -> index >= 1;
            case "SearchQuery" -> index == 0;
            default -> false;
        };
    }
}
