package studio.queryset.differential;

/**
 * The same comparison on the library schema (differential/library: a nullable self FK, nullable FKs at the
 * start of multi-valued paths, an M2M through a model with its own fields, an auto M2M, a one-to-one, a
 * multi-table child, rows with no related objects, NULLs in number, text and date columns), recorded by
 * {@code record.py --app library}; its expressions follow the kinds of queries Django's own tests check.
 */
class LibraryDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "library";
    }

    @Override
    String dir() {
        return "library/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci"; // the server's default: case- and accent-insensitive
    }
}
