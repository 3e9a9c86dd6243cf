package studio.queryset;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN.md: nothing outside {@code app} imports JavaFX; the launcher reaches the GUI only via StudioApp. */
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
}
