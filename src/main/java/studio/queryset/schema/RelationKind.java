package studio.queryset.schema;

/** How a relation field points at its target. */
public enum RelationKind {
    FOREIGN_KEY, ONE_TO_ONE, MANY_TO_MANY;

    /** True when following the relation forwards can yield more than one row. */
    public boolean forwardIsMultiValued() {
        return this == MANY_TO_MANY;
    }
}
