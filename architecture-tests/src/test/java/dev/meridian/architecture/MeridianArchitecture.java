package dev.meridian.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import dev.meridian.eventinfra.delivery.Delivered;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The module rules of STYLE.md, for any root package: the build applies them to {@code dev.meridian}, and a test
 * applies them to a fixture of known violations to show that each one fails when it should.
 */
final class MeridianArchitecture {

    /** The domain modules; each is an {@code x.api} package others may use and private packages nobody else may. */
    static final List<String> DOMAIN_MODULES = List.of("auth", "user", "notification", "analytics");

    private static final String[] FRAMEWORK_PACKAGES = {
        "jakarta..", "javax..", "org.eclipse.microprofile..", "org.hibernate..", "org.flywaydb..", "io.micrometer.."
    };

    private MeridianArchitecture() {
    }

    /** Modules (the first package below the root) never depend on each other in a circle. */
    static ArchRule modulesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("module $1").should().beFreeOfCycles();
    }

    /** Outside a module, only its {@code api} package may be used. */
    static ArchRule modulesMeetOnlyThroughTheirApi(String root) {
        List<ArchRule> rules = DOMAIN_MODULES.stream()
                .map(module -> root + "." + module)
                .map(module -> (ArchRule) noClasses()
                        .that().resideOutsideOfPackage(module + "..")
                        .should().dependOnClassesThat(and(
                                resideInAPackage(module + ".."),
                                resideOutsideOfPackage(module + ".api.."))))
                .toList();
        return CompositeArchRule.of(rules).because("a module is reachable only through its -api jar and its events");
    }

    /** An {@code api} package is a published language: plain Java and other published languages only. */
    static ArchRule apisDependOnlyOnPublishedLanguage(String root) {
        return classes().that().resideInAPackage(root + ".*.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".*.api..")
                .because("other modules put the -api jars on their class path and must not get anything else");
    }

    /** The domain model stays plain Java. */
    static ArchRule domainIsFreeOfFrameworks(String root) {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES)
                // modules grow their domain packages issue by issue; the rule holds for every one that exists
                .allowEmptyShould(true)
                .because("aggregates decide; persistence, injection and transport belong to other packages");
    }

    /** event-infra serves every module and therefore knows none of them. */
    static ArchRule eventInfraKnowsNoDomainModule(String root) {
        String[] modules = DOMAIN_MODULES.stream().map(module -> root + "." + module + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + ".eventinfra..")
                .should().dependOnClassesThat().resideInAnyPackage(modules);
    }

    /** Handlers of other modules' events ({@code @Delivered} observers) live in a module's messaging package. */
    static ArchRule eventHandlersLiveInMessaging(String root) {
        return methods().that(takeADeliveredEvent())
                .should().beDeclaredInClassesThat().resideInAPackage(root + ".*.messaging..")
                // modules gain their handlers issue by issue; the rule holds for every one that exists
                .allowEmptyShould(true)
                .because("STYLE.md: listeners for other modules' events are in messaging, where a reader looks for"
                        + " what a module reacts to");
    }

    private static DescribedPredicate<JavaMethod> takeADeliveredEvent() {
        return DescribedPredicate.describe("take a @Delivered event", method -> method.getParameters().stream()
                .anyMatch(parameter -> parameter.isAnnotatedWith(Delivered.class)));
    }
}
