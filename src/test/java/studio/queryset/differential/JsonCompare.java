package studio.queryset.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Compares a result with Django's: numbers within a small relative tolerance (SQLite rounds decimals to 15
 * digits), objects by keys, top-level arrays in order when Django's queryset was ordered, nested arrays
 * (prefetched lists) as multisets.
 */
public final class JsonCompare {
    private JsonCompare() {
    }

    public static String diff(JsonNode expected, JsonNode actual, boolean ordered, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.asDouble();
            double a = actual.asDouble();
            double tolerance = Math.max(1e-9, Math.abs(e) * 1e-9) + 1e-6;
            return Math.abs(e - a) <= tolerance ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> keys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(keys::add);
            List<String> ours = new ArrayList<>();
            actual.fieldNames().forEachRemaining(ours::add);
            if (!keys.containsAll(ours) || !ours.containsAll(keys)) {
                return path + ": keys " + keys + " but was " + ours;
            }
            for (String k : keys) {
                String d = diff(expected.get(k), actual.get(k), false, path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": " + expected.size() + " items but was " + actual.size();
            }
            if (ordered) {
                for (int i = 0; i < expected.size(); i++) {
                    String d = diff(expected.get(i), actual.get(i), false, path + "[" + i + "]");
                    if (d != null) {
                        return d;
                    }
                }
                return null;
            }
            List<JsonNode> remaining = new ArrayList<>();
            actual.forEach(remaining::add);
            for (JsonNode e : expected) {
                boolean found = false;
                for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                    if (diff(e, it.next(), false, path) == null) {
                        it.remove();
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return path + ": no match for " + abbreviate(e.toString());
                }
            }
            return null;
        }
        if (expected.equals(actual)) {
            return null;
        }
        return path + ": expected " + abbreviate(expected.toString()) + " but was " + abbreviate(actual.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
