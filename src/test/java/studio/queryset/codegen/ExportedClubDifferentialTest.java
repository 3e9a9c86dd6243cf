package studio.queryset.codegen;

/**
 * The exported-code comparison on the club app (differential/club: nullable self FK, nullable FKs starting
 * multi-valued paths, an M2M through a model with fields): both flavours, both databases, against eval.
 */
class ExportedClubDifferentialTest extends ExportedDifferentialTest {
    @Override
    String app() {
        return "club";
    }

    @Override
    String dir() {
        return "club/";
    }
}
