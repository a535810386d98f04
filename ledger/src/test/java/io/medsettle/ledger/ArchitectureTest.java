package io.medsettle.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The ledger's domain is plain Java; only its storage adapter knows Spring and JDBC. */
@AnalyzeClasses(packages = "io.medsettle.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainUsesNoSpringAndNoDatabase = noClasses()
            .that().resideInAPackage("io.medsettle.ledger")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
            .because("the rules of the books must not depend on how they are stored");

    @ArchTest
    static final ArchRule domainNeverReadsTheSystemClock = noClasses()
            .that().resideInAPackage("io.medsettle.ledger..")
            .should().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .because("time comes from an injected Clock, so that runs are reproducible");
}
