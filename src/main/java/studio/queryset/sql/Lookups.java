package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * Writing lookups and transforms, as their {@link LookupSpecs} say; the operator table itself is per database
 * ({@link studio.queryset.sql.dialect.DialectOps#compare}).
 */
final class Lookups {
    private Lookups() {
    }

    /** A transform must be registered on the field's type ({@link LookupSpecs}); Django rejects year on a CharField. */
    static void checkTransform(String transform, ValueType type, String fieldType) {
        boolean ok = LookupSpecs.find(transform).filter(LookupSpec::isTransform).map(s -> s.accepts(type))
                .orElse(false);
        if (!ok) {
            throw QueryException.fieldError("Unsupported lookup '" + transform + "' for " + fieldType
                    + " or join on the field not permitted.").about(transform);
        }
    }

    /** The transform's SQL (the dialect's) and the type its spec says it yields. */
    static Typed transform(Dialect d, String transform, Typed lhs) {
        String sql = d.ops().transform(transform, lhs.frag().sql());
        ValueType type = LookupSpecs.find(transform).map(LookupSpec::output).orElse(ValueType.INTEGER);
        return new Typed(new Frag(sql, lhs.frag().params()), type, lhs.aggregate());
    }

    /** A pattern lookup against a literal string: wildcards escaped and wrapped as the dialect wants them. */
    static String pattern(Dialect d, String lookup, Object value) {
        return d.ops().pattern(lookup, value);
    }

    /** A lookup whose text value is a LIKE pattern (its spec's operand is TEXT). */
    static boolean isPattern(String lookup) {
        return LookupSpecs.find(lookup).map(s -> s.operand() == LookupSpec.Operand.TEXT).orElse(false);
    }

    /**
     * {@code lhs <op> rhs}. {@code rhs} is already compiled: a bound value (literal patterns already wrapped)
     * or an expression ({@code rhsIsExpression}), in which case pattern wildcards are concatenated in SQL.
     */
    static Frag compare(Dialect d, String lookup, Typed lhs, Frag rhs, boolean rhsIsExpression) {
        return d.ops().compare(lookup, lhs.frag(), lhs.type(), rhs, rhsIsExpression);
    }

    static Frag in(Typed lhs, List<Frag> items) {
        if (items.isEmpty()) {
            return Frag.of("1 = 0");
        }
        List<Frag> parts = new ArrayList<>(items);
        return Frag.format("%s IN (%s)", lhs.frag(), Frag.join(", ", parts));
    }
}
