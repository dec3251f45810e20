package dev.linli.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The large shapes of the SDK, checked on the compiled main classes of every module: no package
 * cycle inside a module, modules depend only downwards (core ← points, core ← scheduling, both ←
 * examples), and no public signature of an exported package exposes an {@code internal} type.
 */
class ArchitectureTest {
  private static JavaClasses sdk;

  @BeforeAll
  static void importSdk() {
    sdk = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // sdk-core's shared test fixtures arrive as a test-jar, which the predefined option misses
        .withImportOption(location -> !location.asURI().toString().contains("-tests.jar"))
        .importPackages("dev.linli");
  }

  @Test
  void theImportSeesEveryModule() {
    // guards the other rules against passing vacuously on an empty or partial import
    for (String p : List.of("dev.linli.core", "dev.linli.points", "dev.linli.scheduling", "dev.linli.examples")) {
      boolean found = sdk.stream().anyMatch(c -> c.getPackageName().startsWith(p));
      if (!found) {
        throw new AssertionError("no classes imported from " + p);
      }
    }
  }

  @Test
  void noPackageCycleInAnyModule() {
    slices().matching("dev.linli.(**)")
        .should().beFreeOfCycles()
        // The documented access bridge: points.internal reaches into the ledger it serves
        // (events, replay, state export) through LedgerAccess, which the ledger registers.
        .ignoreDependency(resideIn("dev.linli.points.internal"), ledgerApi())
        // The same bridge in scheduling: waitlists run inside the engine's transactions through
        // EngineAccess, which BookingEngine registers.
        .ignoreDependency(resideIn("dev.linli.scheduling.internal"),
            resideIn("dev.linli.scheduling.engine"))
        .check(sdk);
  }

  @Test
  void coreDependsOnNoOtherModule() {
    noClasses().that().resideInAPackage("dev.linli.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.linli.points..", "dev.linli.scheduling..", "dev.linli.examples..")
        .check(sdk);
  }

  @Test
  void pointsAndSchedulingNeverDependOnEachOther() {
    noClasses().that().resideInAPackage("dev.linli.points..")
        .should().dependOnClassesThat().resideInAPackage("dev.linli.scheduling..")
        .check(sdk);
    noClasses().that().resideInAPackage("dev.linli.scheduling..")
        .should().dependOnClassesThat().resideInAPackage("dev.linli.points..")
        .check(sdk);
  }

  @Test
  void nothingOutsideExamplesDependsOnExamples() {
    noClasses().that().resideOutsideOfPackage("dev.linli.examples..")
        .should().dependOnClassesThat().resideInAPackage("dev.linli.examples..")
        .check(sdk);
  }

  @Test
  void noPublicSignatureExposesAnInternalType() {
    codeUnits().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.linli.examples..")
        .should(exposeNoInternalType())
        .check(sdk);
    classes().that().arePublic()
        .and().resideOutsideOfPackage("..internal..")
        .and().resideOutsideOfPackage("dev.linli.examples..")
        .should(extendNoInternalType())
        .check(sdk);
  }

  private static DescribedPredicate<JavaClass> resideIn(String pkg) {
    return DescribedPredicate.describe("reside in " + pkg, c -> c.getPackageName().equals(pkg));
  }

  private static DescribedPredicate<JavaClass> ledgerApi() {
    return DescribedPredicate.describe("are in an exported points package",
        c -> c.getPackageName().startsWith("dev.linli.points") && !c.getPackageName().contains("internal"));
  }

  private static boolean internal(JavaClass c) {
    JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
    return base.getPackageName().startsWith("dev.linli.") && base.getPackageName().contains(".internal");
  }

  private static ArchCondition<JavaCodeUnit> exposeNoInternalType() {
    return new ArchCondition<>("expose no internal type in parameters, return type or throws") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        if (unit.getModifiers().contains(JavaModifier.SYNTHETIC)
            || unit.getModifiers().contains(JavaModifier.BRIDGE)) {
          return;
        }
        List<JavaClass> exposed = new ArrayList<>(unit.getRawParameterTypes());
        exposed.add(unit.getRawReturnType());
        unit.getThrowsClause().getTypes().forEach(exposed::add);
        for (JavaClass c : exposed) {
          if (internal(c)) {
            events.add(SimpleConditionEvent.violated(unit,
                unit.getFullName() + " exposes internal type " + c.getName()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> extendNoInternalType() {
    return new ArchCondition<>("extend or implement no internal type") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<JavaClass> supers = new ArrayList<>(c.getRawInterfaces());
        c.getRawSuperclass().ifPresent(supers::add);
        for (JavaClass s : supers) {
          if (internal(s)) {
            events.add(SimpleConditionEvent.violated(c, c.getName() + " extends internal " + s.getName()));
          }
        }
      }
    };
  }

}
