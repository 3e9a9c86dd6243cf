package studio.queryset.lessons;

/**
 * What checking one claim found: whether it holds and what the product actually computed ("statements: 21 vs 1",
 * "SQL has INNER JOIN \"blog_author\""), so a failing claim says why and a passing one shows its evidence.
 */
public record Verdict(boolean holds, String observed) {
    public static Verdict of(boolean holds, String observed) {
        return new Verdict(holds, observed);
    }

    /** The claim does not apply here (a PostgreSQL-only claim on SQLite): neither true nor false. */
    public static Verdict notApplicable(String why) {
        return new Verdict(true, "not checked: " + why);
    }

    public boolean checked() {
        return !observed.startsWith("not checked: ");
    }
}
