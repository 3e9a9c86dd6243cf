package studio.queryset.django;

import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;
import studio.queryset.query.QueryException;

/**
 * The argument checks of Python's {@code date}, {@code datetime} and {@code time} constructors, with CPython's
 * messages, so that a value out of range is the error Python gives and never a date Java wrapped around.
 */
final class PyDateArgs {
    private PyDateArgs() {
    }

    record Problem(String kind, String message) {
    }

    private static final String[] DATE = {"year", "month", "day"};
    private static final String[] DATETIME = {"year", "month", "day", "hour", "minute", "second", "microsecond"};
    private static final String[] TIME = {"hour", "minute", "second", "microsecond"};

    static void check(String fn, List<Long> ints, int given, Function<Problem, QueryException> error) {
        String[] names = switch (fn) {
            case "date" -> DATE;
            case "datetime" -> DATETIME;
            case "time" -> TIME;
            default -> null;
        };
        if (names == null) {
            return;
        }
        int required = fn.equals("time") ? 0 : 3;
        if (given < required) {
            throw error.apply(new Problem("TypeError", "function missing required argument '" + names[given]
                    + "' (pos " + (given + 1) + ")"));
        }
        if (given > names.length) {
            throw error.apply(new Problem("TypeError", "function takes at most " + names.length + " arguments ("
                    + given + " given)"));
        }
        for (long v : ints) {
            if (v > Integer.MAX_VALUE) {
                throw error.apply(new Problem("OverflowError", "signed integer is greater than maximum"));
            }
            if (v < Integer.MIN_VALUE) {
                throw error.apply(new Problem("OverflowError", "signed integer is less than minimum"));
            }
        }
        for (int i = 0; i < ints.size(); i++) {
            String name = names[i];
            long v = ints.get(i);
            String problem = switch (name) {
                case "year" -> v < 1 || v > 9999 ? "year " + v + " is out of range" : null;
                case "month" -> v < 1 || v > 12 ? "month must be in 1..12" : null;
                case "day" -> v < 1 || v > YearMonth.of((int) (long) ints.get(0), (int) (long) ints.get(1))
                        .lengthOfMonth() ? "day is out of range for month" : null;
                case "hour" -> v < 0 || v > 23 ? "hour must be in 0..23" : null;
                case "minute" -> v < 0 || v > 59 ? "minute must be in 0..59" : null;
                case "second" -> v < 0 || v > 59 ? "second must be in 0..59" : null;
                default -> v < 0 || v > 999_999 ? "microsecond must be in 0..999999" : null;
            };
            if (problem != null) {
                throw error.apply(new Problem("ValueError", problem));
            }
        }
    }
}
