package studio.queryset.differential;

/**
 * The same comparison on the forum schema (differential/forum: an abstract base with Meta.ordering, a two-level
 * multi-table chain, Meta.ordering across relations, a OneToOne primary key, an FK with to_field= and db_column=,
 * self M2Ms symmetrical and not, a through model with two FKs to the same model, nullable FK chains), recorded by
 * {@code record.py --app forum}; its expressions follow the query-side tests of Django's own suite.
 */
class ForumDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "forum";
    }

    @Override
    String dir() {
        return "forum/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci"; // the server's default: case- and accent-insensitive
    }
}
