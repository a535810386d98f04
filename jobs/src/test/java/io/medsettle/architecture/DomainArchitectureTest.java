package io.medsettle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of the business (benefits, settlement, individual accounts) are plain Java: no Spring,
 * no database, no system clock. The jobs around them may use all three.
 */
@AnalyzeClasses(packages = "io.medsettle", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule rulesUseNoSpringAndNoDatabase = noClasses()
            .that().resideInAnyPackage("io.medsettle.adjudication..", "io.medsettle.settlement..", "io.medsettle.accounts..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
            .because("the rules must not depend on how they are run or stored");

    @ArchTest
    static final ArchRule nothingReadsTheSystemClock = noClasses()
            .that().resideInAPackage("io.medsettle..")
            .should().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .because("time comes from the injected Clock");
}
