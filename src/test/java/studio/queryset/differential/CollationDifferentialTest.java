package studio.queryset.differential;

/**
 * The same comparison on the collation schema (differential/collation: words that differ only in case, accents,
 * trailing spaces, wildcards), recorded by {@code record.py --app collation}. Django leaves comparing text to the
 * database, so the three databases answer differently; on MariaDB (utf8mb4_general_ci) {@code =}, {@code in},
 * iexact, i... lookups, ordering, DISTINCT and GROUP BY ignore case and accents while contains/startswith/endswith
 * ({@code LIKE BINARY}) do not.
 */
class CollationDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "collation";
    }

    @Override
    String dir() {
        return "collation/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci"; // the server's default, as Django creates databases on it
    }
}
