package studio.queryset;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DESIGN.md, Packages: each room uses only the rooms its "may use" column names; nothing outside {@code app}
 * imports JavaFX; the launcher reaches the GUI only via StudioApp.
 */
@AnalyzeClasses(packages = "studio.queryset", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String LAUNCHER = "studio.queryset.Launcher";
    private static final String[] GUI_LIBRARIES = {"javafx..", "org.fxmisc..", "org.controlsfx..",
        "org.reactfx..", "com.sun.javafx.."};

    @ArchTest
    static final ArchRule onlyTheAppUsesJavaFx = noClasses()
            .that().resideOutsideOfPackage("studio.queryset.app..")
            .and().doNotHaveFullyQualifiedName(LAUNCHER)
            .should().dependOnClassesThat().resideInAnyPackage(GUI_LIBRARIES)
            .because("only studio.queryset.app may use JavaFX (DESIGN.md, Packages)");

    @ArchTest
    static final ArchRule launcherReachesTheGuiOnlyThroughStudioApp = noClasses()
            .that().haveFullyQualifiedName(LAUNCHER)
            .should().dependOnClassesThat(resideInAPackage("studio.queryset.app..")
                    .and(not(name("studio.queryset.app.StudioApp"))))
            .orShould().dependOnClassesThat(resideInAnyPackage(GUI_LIBRARIES))
            .because("the launcher must start without JavaFX on the module path and only call StudioApp");

    private static final String EVERYTHING = "*";
    private static final String EVERYTHING_BUT_APP = "* but app";

    /** Room -> the rooms it may use: DESIGN.md's "Packages" table, row by row (a room may always use itself). */
    private static final List<Map.Entry<String, List<String>>> MAY_USE = List.of(
            Map.entry("pytext", List.of()),
            Map.entry("schema", List.of("pytext")),
            Map.entry("query", List.of("schema")),
            Map.entry("sql", List.of("schema", "query")),
            Map.entry("run", List.of("schema", "query", "sql")),
            Map.entry("django", List.of("pytext", "schema", "query")),
            Map.entry("analysis", List.of("schema", "query", "sql")),
            Map.entry("lessons", List.of("schema", "query", "sql", "run", "django", "analysis")),
            Map.entry("codegen", List.of("schema", "query", "sql", "django")),
            Map.entry("api", List.of("schema", "query", "sql", "run", "django")),
            Map.entry("design", allAbove("design", "run", "lessons")),
            Map.entry("sample", List.of("schema", "query", "sql", "run", "design")),
            Map.entry("app", List.of(EVERYTHING)),
            Map.entry("cli", List.of(EVERYTHING_BUT_APP)));

    /** The rooms listed before {@code room} in the table, less the exceptions ("all above but run, lessons"). */
    private static List<String> allAbove(String room, String... except) {
        List<String> above = new ArrayList<>(List.of("pytext", "schema", "query", "sql", "run", "django", "analysis",
                "lessons", "codegen", "api"));
        above.removeAll(List.of(except));
        return above;
    }

    private static List<String> rooms() {
        return MAY_USE.stream().map(Map.Entry::getKey).toList();
    }

    private static String[] uses(String room, List<String> mayUse) {
        List<String> out = new ArrayList<>();
        for (String used : mayUse) {
            switch (used) {
                case EVERYTHING -> out.addAll(rooms());
                case EVERYTHING_BUT_APP -> rooms().stream().filter(r -> !r.equals("app")).forEach(out::add);
                default -> out.add(used);
            }
        }
        out.remove(room);
        return out.toArray(String[]::new);
    }

    private static LayeredArchitecture roomsFromDesign() {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String room : rooms()) {
            arch = arch.layer(room).definedBy("studio.queryset." + room + "..");
        }
        for (Map.Entry<String, List<String>> row : MAY_USE) {
            String[] uses = uses(row.getKey(), row.getValue());
            arch = uses.length == 0 ? arch.whereLayer(row.getKey()).mayNotAccessAnyLayer()
                    : arch.whereLayer(row.getKey()).mayOnlyAccessLayers(uses);
        }
        return arch;
    }

    @ArchTest
    static final ArchRule eachRoomUsesOnlyWhatDesignAllows = roomsFromDesign()
            .because("DESIGN.md, Packages: the \"may use\" column");

    @ArchTest
    static final ArchRule everyClassLivesInARoom = classes()
            .that().doNotHaveFullyQualifiedName(LAUNCHER)
            .should().resideInAnyPackage(rooms().stream().map(r -> "studio.queryset." + r + "..").toArray(String[]::new))
            .because("DESIGN.md, Packages: folders and file names follow the rooms");
}
