package studio.queryset.sql;

/** What one row of a SELECT becomes: a model instance, a dict, a tuple, a scalar or a named tuple. */
public enum RowShape { MODEL, VALUES, VALUES_LIST, FLAT, NAMED }
