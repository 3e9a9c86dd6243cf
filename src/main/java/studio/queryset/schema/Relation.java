package studio.queryset.schema;

/**
 * The relation part of a ForeignKey, OneToOneField or ManyToManyField.
 *
 * @param kind             FK, O2O or M2M
 * @param target           name of the target model (resolved: "self" already replaced)
 * @param relatedName      {@code related_name}, or null for Django's default
 * @param relatedQueryName {@code related_query_name}, or null for Django's default
 * @param through          an explicit {@code through} model for M2M, or null for the auto table
 * @param throughTable     the join table of an M2M (auto or the through model's table), else null
 * @param throughSourceColumn column in the join table pointing at the model declaring the M2M
 * @param throughTargetColumn column in the join table pointing at the target
 * @param onDelete         what deleting the target does to rows pointing at it: CASCADE, PROTECT, RESTRICT,
 *                         SET_NULL, SET_DEFAULT or DO_NOTHING (CASCADE for M2M links)
 * @param toField          a ForeignKey's {@code to_field}: the target field its column holds (null: the target's pk)
 */
public record Relation(RelationKind kind, String target, String relatedName, String relatedQueryName,
                       String through, String throughTable, String throughSourceColumn,
                       String throughTargetColumn, String onDelete, String toField) {

    public Relation(RelationKind kind, String target, String relatedName, String relatedQueryName, String through,
                    String throughTable, String throughSourceColumn, String throughTargetColumn, String onDelete) {
        this(kind, target, relatedName, relatedQueryName, through, throughTable, throughSourceColumn,
                throughTargetColumn, onDelete, null);
    }

    public Relation withTarget(String resolvedTarget) {
        return new Relation(kind, resolvedTarget, relatedName, relatedQueryName, through, throughTable,
                throughSourceColumn, throughTargetColumn, onDelete, toField);
    }

    public Relation withThrough(String table, String sourceColumn, String targetColumn) {
        return new Relation(kind, target, relatedName, relatedQueryName, through, table, sourceColumn,
                targetColumn, onDelete, toField);
    }

    public Relation withNames(String newRelatedName, String newRelatedQueryName) {
        return new Relation(kind, target, newRelatedName, newRelatedQueryName, through, throughTable,
                throughSourceColumn, throughTargetColumn, onDelete, toField);
    }

    /** The same relation without a reverse accessor (a proxy model's copy of its parent's fields). */
    public Relation hiddenReverse() {
        return new Relation(kind, target, (relatedName == null ? "proxy" : relatedName) + "+", relatedQueryName,
                through, throughTable, throughSourceColumn, throughTargetColumn, onDelete, toField);
    }

    /** A reverse relation is hidden when Django's related_name ends in '+'. */
    public boolean reverseHidden() {
        return relatedName != null && relatedName.endsWith("+");
    }
}
