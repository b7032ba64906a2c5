package dev.kdi.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules, held against every class of the application (not the tests). Plain JUnit
 * tests rather than ArchUnit's own engine, so that {@code -Dtest=ArchitectureTest} runs them and
 * the report counts them like any other test.
 */
class ArchitectureTest {
    private static JavaClasses application;

    @BeforeAll
    static void importApplication() {
        application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kdi");
    }

    @Test
    void recordsUsesTheJdkOnly() {
        HouseRules.RECORDS_JDK_ONLY.check(application);
    }

    @Test
    void adaptersNeverReachUp() {
        HouseRules.ADAPTERS_NEVER_REACH_UP.check(application);
    }

    @Test
    void windowOnlyThroughSession() {
        HouseRules.WINDOW_ONLY_THROUGH_SESSION.check(application);
    }

    @Test
    void commandLineOnlyThroughSession() {
        HouseRules.COMMAND_LINE_ONLY_THROUGH_SESSION.check(application);
    }

    @Test
    void sessionWithoutFabric8() {
        HouseRules.SESSION_WITHOUT_FABRIC8.check(application);
    }

    @Test
    void noJavafxOutsideUi() {
        HouseRules.NO_JAVAFX_OUTSIDE_UI.check(application);
    }

    @Test
    void noPackageCycles() {
        HouseRules.NO_PACKAGE_CYCLES.check(application);
    }

    @Test
    void viewsApart() {
        HouseRules.VIEWS_APART.check(application);
    }
}
