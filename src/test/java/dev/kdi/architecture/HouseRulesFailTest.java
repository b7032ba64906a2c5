package dev.kdi.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.kdi.archfixture.cyclea.Forward;
import dev.kdi.archfixture.cycleb.Backward;
import dev.kdi.cli.archfixture.CliOpeningDns;
import dev.kdi.dns.archfixture.DnsUsingSession;
import dev.kdi.records.archfixture.RecordsParsingJson;
import dev.kdi.session.archfixture.SessionBuildingAClient;
import dev.kdi.session.archfixture.SessionWithAProperty;
import dev.kdi.ui.archfixture.WindowReadingLoadReport;
import dev.kdi.ui.archfixtureview.ViewUsingDetails;
import dev.kdi.ui.details.DetailsModel;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.lookup.LookupModel;
import dev.kdi.ui.window.WindowModel;
import org.junit.jupiter.api.Test;

/**
 * Each house rule fails on a fixture class that breaks it, naming the class and what it uses, so
 * a rule that passes in {@link ArchitectureTest} passes because the code keeps it. The fixtures
 * live under src/test and are imported one by one here; the real scan leaves tests out.
 */
class HouseRulesFailTest {

    private static JavaClasses only(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static void assertBroken(ArchRule rule, JavaClasses classes, String... mentions) {
        assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(rule.getDescription()).hasMessageContainingAll(mentions);
    }

    @Test
    void recordsJdkOnly_failsOnTheEngineUsingJackson() {
        assertBroken(HouseRules.RECORDS_JDK_ONLY, only(RecordsParsingJson.class),
                RecordsParsingJson.class.getName(), "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void adaptersNeverReachUp_failsOnDnsUsingSession() {
        assertBroken(HouseRules.ADAPTERS_NEVER_REACH_UP, only(DnsUsingSession.class),
                DnsUsingSession.class.getName(), "dev.kdi.session.SessionInfo");
    }

    @Test
    void windowOnlyThroughSession_failsOnTheWindowReadingClusterTypes() {
        assertBroken(HouseRules.WINDOW_ONLY_THROUGH_SESSION, only(WindowReadingLoadReport.class),
                WindowReadingLoadReport.class.getName(), "dev.kdi.cluster.LoadReport");
    }

    @Test
    void commandLineOnlyThroughSession_failsOnACommandUsingDns() {
        assertBroken(HouseRules.COMMAND_LINE_ONLY_THROUGH_SESSION, only(CliOpeningDns.class),
                CliOpeningDns.class.getName(), "dev.kdi.dns.DnsException");
    }

    @Test
    void sessionWithoutFabric8_failsOnASessionBuildingAConfig() {
        assertBroken(HouseRules.SESSION_WITHOUT_FABRIC8, only(SessionBuildingAClient.class),
                SessionBuildingAClient.class.getName(), "io.fabric8.kubernetes.client.ConfigBuilder");
    }

    @Test
    void noJavafxOutsideUi_failsOnASessionHoldingAProperty() {
        assertBroken(HouseRules.NO_JAVAFX_OUTSIDE_UI, only(SessionWithAProperty.class),
                SessionWithAProperty.class.getName(), "javafx.beans.property.SimpleStringProperty");
    }

    @Test
    void noPackageCycles_failsOnTwoPackagesUsingEachOther() {
        assertBroken(HouseRules.NO_PACKAGE_CYCLES, only(Forward.class, Backward.class),
                "archfixture.cyclea", "archfixture.cycleb");
    }

    @Test
    void viewsApart_failsOnANewViewPackageUsingAnother() {
        assertBroken(HouseRules.VIEWS_APART, only(ViewUsingDetails.class, DetailsModel.class, Inventory.class),
                ViewUsingDetails.class.getName(), DetailsModel.class.getName());
    }

    @Test
    void viewsApart_letsTheWindowComposeViews_andViewsUseTheSharedHelpers() {
        assertThatCode(() -> HouseRules.VIEWS_APART.check(only(WindowModel.class, DetailsModel.class,
                LookupModel.class, Inventory.class))).doesNotThrowAnyException();
    }
}
