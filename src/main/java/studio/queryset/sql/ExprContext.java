package studio.queryset.sql;

/**
 * Where an expression is being compiled. {@code filterCall} is the filter() call id (negative outside
 * filters, which lets every join be reused); {@code negated} tracks NOT for Django's exclude rules.
 */
record ExprContext(int filterCall, boolean negated) {
    static final ExprContext SELECT = new ExprContext(-1, false);

    ExprContext negate() {
        return new ExprContext(filterCall, !negated);
    }
}
