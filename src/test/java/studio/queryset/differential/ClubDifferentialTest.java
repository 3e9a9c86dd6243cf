package studio.queryset.differential;

/**
 * The same comparison on the club schema (differential/club: a nullable self FK, nullable FKs at the start of
 * multi-valued paths, an M2M through a model with its own fields, rows with no related objects), recorded
 * by {@code record.py --app club}; aimed at Django 3.2's exclude, GROUP BY and DISTINCT rules.
 */
class ClubDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "club";
    }

    @Override
    String dir() {
        return "club/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci"; // the server's default: case- and accent-insensitive
    }
}
