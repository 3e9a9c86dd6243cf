package studio.queryset.sql;

/**
 * Where an expression is being compiled. {@code filterCall} is the filter() call id (negative outside
 * filters, which lets every join be reused); {@code negated} tracks NOT for Django's exclude rules;
 * {@code branchNegated} is true under any NOT, even a cancelled double one, which is when Django's
 * build_filter refuses multi-valued joins and calls split_exclude.
 */
record ExprContext(int filterCall, boolean negated, boolean branchNegated) {
    static final ExprContext SELECT = new ExprContext(-1, false);

    ExprContext(int filterCall, boolean negated) {
        this(filterCall, negated, negated);
    }

    ExprContext negate() {
        return new ExprContext(filterCall, !negated, true);
    }
}
