package studio.queryset.schema;

/**
 * A field of a model as Django sees it. Relation fields carry a {@link Relation}; a ManyToMany has no
 * column of its own.
 *
 * @param name          the Python attribute name ({@code author})
 * @param column        the database column ({@code author_id}); null for M2M
 * @param djangoType    the Django field class ({@code ForeignKey}, {@code CharField})
 * @param valueType     the kind of value the column holds (for a FK: the target pk's)
 * @param nullable      {@code null=True}
 * @param unique        {@code unique=True} (or primary key / one-to-one)
 * @param primaryKey    {@code primary_key=True} or the implicit {@code id}
 * @param maxLength     {@code max_length}, or 0
 * @param generated     Django text of a GeneratedField's expression, or null
 * @param relation      relation details, or null for a plain field
 * @param line          line in the models.py it came from (0 when introspected)
 * @param defaultValue  what create() uses when no value is given ({@code default=}, {@code auto_now}), or null
 */
public record Field(String name, String column, String djangoType, ValueType valueType, boolean nullable,
                    boolean unique, boolean primaryKey, int maxLength, String generated, Relation relation,
                    int line, FieldDefault defaultValue) {

    public Field(String name, String column, String djangoType, ValueType valueType, boolean nullable,
                 boolean unique, boolean primaryKey, int maxLength, String generated, Relation relation, int line) {
        this(name, column, djangoType, valueType, nullable, unique, primaryKey, maxLength, generated, relation, line,
                null);
    }

    public Field withDefault(FieldDefault d) {
        return new Field(name, column, djangoType, valueType, nullable, unique, primaryKey, maxLength, generated,
                relation, line, d);
    }

    public boolean isRelation() {
        return relation != null;
    }

    public boolean isManyToMany() {
        return relation != null && relation.kind() == RelationKind.MANY_TO_MANY;
    }

    /** A field with a column of its own in the model's table. */
    public boolean isConcrete() {
        return column != null;
    }

    /** Django's attname: {@code author_id} for a ForeignKey, the name otherwise. */
    public String attname() {
        return relation != null && relation.kind() != RelationKind.MANY_TO_MANY ? name + "_id" : name;
    }

    /** {@code attname().equals(s)} without building the attname (path resolution asks for each name). */
    public boolean hasAttname(String s) {
        if (relation == null || relation.kind() == RelationKind.MANY_TO_MANY) {
            return name.equals(s);
        }
        return s.length() == name.length() + 3 && s.startsWith(name) && s.endsWith("_id");
    }

    public Field withRelation(Relation newRelation) {
        return new Field(name, column, djangoType, valueType, nullable, unique, primaryKey, maxLength, generated,
                newRelation, line, defaultValue);
    }

    public Field withLine(int newLine) {
        return new Field(name, column, djangoType, valueType, nullable, unique, primaryKey, maxLength, generated,
                relation, newLine, defaultValue);
    }

    public Field withValueType(ValueType type) {
        return new Field(name, column, djangoType, type, nullable, unique, primaryKey, maxLength, generated,
                relation, line, defaultValue);
    }
}
