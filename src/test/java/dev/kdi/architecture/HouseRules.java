package dev.kdi.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules of the developer guide and the package-infos, as ArchUnit rules. {@link
 * ArchitectureTest} holds the real classes to them; {@link HouseRulesFailTest} shows each one
 * failing on a fixture class that breaks it.
 */
final class HouseRules {
    /** The adapters below {@code session}. */
    static final String[] ADAPTERS = {"dev.kdi.dns..", "dev.kdi.manifests..", "dev.kdi.cluster..", "dev.kdi.demo..",
        "dev.kdi.metrics..", "dev.kdi.http.."};
    /** What JavaFX brings: only the window may load it. */
    static final String[] JAVAFX = {"javafx..", "org.controlsfx..", "impl.org.controlsfx..", "org.kordamp.ikonli.."};
    /**
     * Packages of {@code ui} every view may use: shared controls and tasks, and the plain-Java
     * helpers (the inventory of an inspection, asking the replicas). Every other subpackage of
     * {@code ui} but {@code ui.window} is a view, including views added later.
     */
    static final String[] UI_SHARED = {"dev.kdi.ui.common..", "dev.kdi.ui.inventory..", "dev.kdi.ui.live.."};

    static final ArchRule RECORDS_JDK_ONLY = classes().that().resideInAPackage("dev.kdi.records..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kdi.records..", "java..", "com.google.re2j..")
            .as("records, the DNS rule engine, uses the JDK only (and RE2J, the RE2 regexes CoreDNS's rewrite and "
                    + "template match with)");

    static final ArchRule ADAPTERS_NEVER_REACH_UP = noClasses().that().resideInAnyPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("dev.kdi.session..", "dev.kdi.ui..", "dev.kdi.cli..")
            .as("dns, manifests, cluster, demo, metrics and http never use session, ui or cli");

    static final ArchRule WINDOW_ONLY_THROUGH_SESSION = classes().that().resideInAPackage("dev.kdi.ui..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kdi.ui..", "dev.kdi.session..",
                    "dev.kdi.records..", "java..", "javafx..", "org.controlsfx..", "impl.org.controlsfx..",
                    "org.kordamp.ikonli..")
            .as("the window reaches the rest only through session and records");

    static final ArchRule COMMAND_LINE_ONLY_THROUGH_SESSION = classes().that().resideInAPackage("dev.kdi.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kdi.cli..", "dev.kdi.session..",
                    "dev.kdi.records..", "java..", "picocli..", "com.fasterxml.jackson..")
            .as("the command line reaches the rest only through session and records");

    static final ArchRule SESSION_WITHOUT_FABRIC8 = noClasses().that().resideInAPackage("dev.kdi.session..")
            .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
            .as("session leaves fabric8 configs, credentials and clients to cluster");

    static final ArchRule NO_JAVAFX_OUTSIDE_UI = noClasses().that().resideOutsideOfPackage("dev.kdi.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(JAVAFX)
            .as("no JavaFX outside ui");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.kdi.(**)").should().beFreeOfCycles()
            .as("no package cycles");

    static final ArchRule VIEWS_APART = slices().matching("dev.kdi.ui.(*)..").should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("dev.kdi.ui.window.."), alwaysTrue())
            .ignoreDependency(alwaysTrue(), resideInAnyPackage(UI_SHARED))
            .as("the views of ui do not use each other; ui.window composes them");

    private HouseRules() {
    }
}
