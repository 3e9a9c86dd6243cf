package studio.queryset.query;

/** Python's names for running out of stack or memory, so a batch line reports them like any other error. */
public final class ResourceErrors {
    private ResourceErrors() {
    }

    public static String kind(Error e) {
        return e instanceof StackOverflowError ? "RecursionError" : "MemoryError";
    }

    public static String message(Error e) {
        return e instanceof StackOverflowError ? "maximum recursion depth exceeded: the expression is too deeply nested"
                : "out of memory while evaluating the expression";
    }
}
