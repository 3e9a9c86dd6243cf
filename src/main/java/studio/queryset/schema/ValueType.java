package studio.queryset.schema;

/** The kind of value a column holds; decides which lookups fit and how results are rendered. */
public enum ValueType {
    INTEGER, DECIMAL, FLOAT, BOOLEAN, TEXT, DATE, DATETIME, TIME, DURATION, UUID, JSON;

    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == FLOAT;
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == TIME;
    }
}
