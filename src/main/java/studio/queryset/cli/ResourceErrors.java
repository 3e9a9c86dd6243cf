package studio.queryset.cli;

/** Python's names for running out of stack or memory, so a batch line reports them like any other error. */
final class ResourceErrors {
    private ResourceErrors() {
    }

    static String kind(Error e) {
        return e instanceof StackOverflowError ? "RecursionError" : "MemoryError";
    }

    static String message(Error e) {
        return e instanceof StackOverflowError ? "maximum recursion depth exceeded: the expression is too deeply nested"
                : "out of memory while evaluating the expression";
    }
}
