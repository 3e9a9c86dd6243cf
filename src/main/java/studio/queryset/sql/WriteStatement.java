package studio.queryset.sql;

/**
 * One statement of a write plan. A delete is several: guards for PROTECT relations (any row found stops the
 * whole write), SET_NULL updates, then the deletes deepest first; only changed rows of deletes and updates
 * count as "rows affected", as in Django's {@code delete()[0]}.
 *
 * @param message for a guard, the error to raise when it finds a row
 */
public record WriteStatement(CompiledQuery query, Effect effect, String message) {
    /** COUNTED/UNCOUNTED change rows; GUARD stops the write when it finds a row; RETURNING yields created rows. */
    public enum Effect { COUNTED, UNCOUNTED, GUARD, RETURNING }

    public static WriteStatement counted(CompiledQuery q) {
        return new WriteStatement(q, Effect.COUNTED, null);
    }
}
