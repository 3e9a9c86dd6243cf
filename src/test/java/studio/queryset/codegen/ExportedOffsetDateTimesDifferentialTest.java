package studio.queryset.codegen;

import studio.queryset.sql.QueryPlan;

/**
 * The exported-code comparison with datetimes as {@code OffsetDateTime} (read with
 * {@code getObject(i, OffsetDateTime.class)} on PostgreSQL's timestamptz): every expression of the shop suite that
 * reads or binds a datetime, both flavours, SQLite and PostgreSQL, JVM in UTC and in New York, against eval (the
 * same instant as eval's UTC wall time).
 */
class ExportedOffsetDateTimesDifferentialTest extends ExportedDifferentialTest {
    @Override
    ExportOptions.DateTimes dateTimes() {
        return ExportOptions.DateTimes.OFFSET;
    }

    @Override
    boolean include(QueryPlan plan) {
        return touchesDateTimes(plan);
    }
}
