package studio.queryset.differential;

/**
 * The same comparison on the ledger schema (differential/ledger: every field type the engine knows, with
 * negative, zero and NULL values, an FK, a self FK and an auto M2M), recorded by {@code record.py --app ledger};
 * its expressions follow Django's tests of aggregation, annotations, expressions, conditional expressions,
 * window functions, db_functions and lookups.
 */
class LedgerDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "ledger";
    }

    @Override
    String dir() {
        return "ledger/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci"; // the server's default: case- and accent-insensitive
    }
}
