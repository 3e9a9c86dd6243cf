package studio.queryset.differential;

/**
 * The same comparison on the eager schema (differential/eager): terminals used as values inside another QuerySet,
 * which Django runs at once while the outer one is built. Its answers carry {@code "queries"}, the number of
 * statements Django ran, so the inner query running first, as a query of its own, is compared too.
 */
class EagerDifferentialTest extends DifferentialTest {
    @Override
    String app() {
        return "eager";
    }

    @Override
    String dir() {
        return "eager/";
    }

    @Override
    String mariadbCollation() {
        return "utf8mb4_general_ci";
    }
}
