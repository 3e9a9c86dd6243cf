package studio.queryset.design.text;

/**
 * One bound parameter as the SQL tab lists it: the statement it belongs to ({@code main},
 * {@code prefetch tags}), its position, its value written as a literal, and its type.
 */
public record ParamRow(String statement, String index, String value, String type) {
}
