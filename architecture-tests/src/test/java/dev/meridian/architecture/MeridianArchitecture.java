package dev.meridian.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.module.ModuleInfoResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The module rules of STYLE.md, for any root package: the build applies them to {@code dev.meridian}, and a test
 * applies them to a fixture of known violations to show that each one fails when it should.
 */
final class MeridianArchitecture {

    /** The packages below the root that are the platform or tooling, not domain modules. */
    private static final Set<String> NOT_DOMAIN_MODULES = Set.of("eventinfra", "launcher", "server", "payara",
            "architecture", "it", "benchmarks", "archetype");

    private static final String[] FRAMEWORK_PACKAGES = {
        "jakarta..", "javax..", "org.eclipse.microprofile..", "org.hibernate..", "org.flywaydb..", "io.micrometer.."
    };

    private MeridianArchitecture() {
    }

    /**
     * The domain modules among {@code classes}: every package right below {@code root} but the platform's. Each is
     * an {@code x.api} package others may use and private packages nobody else may. Found, not listed, so that a
     * module the generator adds is held to the rules as soon as its classes are on this module's class path.
     */
    static List<String> domainModules(JavaClasses classes, String root) {
        return classes.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(root + "."))
                .map(name -> name.substring(root.length() + 1).split("\\.")[0])
                .filter(module -> !NOT_DOMAIN_MODULES.contains(module))
                .distinct().sorted().toList();
    }

    /**
     * The jars of the modules never depend on each other in a circle: each module is two, its published language
     * ({@code x.api}) and its core (everything else of {@code x}). Circles of whole modules are allowed when they
     * run through published languages only, because processes need them: auth starts the registration and calls
     * user's participant by user's contract, user starts the erasure and calls auth's by auth's; neither core knows
     * the other, and no published language knows any core.
     */
    static ArchRule modulesAreFreeOfCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (!name.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String[] parts = name.substring(root.length() + 1).split("\\.");
                boolean published = parts.length > 1 && parts[1].equals("api");
                return SliceIdentifier.of(parts[0] + (published ? " api" : " core"));
            }

            @Override
            public String getDescription() {
                return "the api and core of each module below " + root;
            }
        }).should().beFreeOfCycles();
    }

    /** Outside a module, only its {@code api} package may be used. */
    static ArchRule modulesMeetOnlyThroughTheirApi(String root, List<String> domainModules) {
        List<ArchRule> rules = domainModules.stream()
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
    static ArchRule eventInfraKnowsNoDomainModule(String root, List<String> domainModules) {
        String[] modules = domainModules.stream().map(module -> root + "." + module + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + ".eventinfra..")
                .should().dependOnClassesThat().resideInAnyPackage(modules);
    }

    /**
     * A module uses of event-infra only its declared surface: the event-infra-api jar, and the types of the rest
     * marked {@code @API} with a status other than {@code INTERNAL} (apiguardian's annotation, which JUnit marks its
     * own surface with), nested types included. Everything else in event-infra may change without notice.
     */
    static ArchRule modulesUseOnlyTheDeclaredPlatform(String root, List<String> domainModules) {
        String[] modules = domainModules.stream().map(module -> root + "." + module + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(modules)
                .should().dependOnClassesThat(and(resideInAPackage(root + ".eventinfra.."),
                        resideOutsideOfPackage(root + ".eventinfra.api.."), not(declaredForModules())))
                .because("docs/platform.md: what a module may use of event-infra is declared, the rest is internal");
    }

    /** Whether {@code javaClass}, or a class it is nested in, is marked {@code @API} and not as internal. */
    static boolean isDeclaredForModules(JavaClass javaClass) {
        for (Optional<JavaClass> type = Optional.of(javaClass); type.isPresent(); type = type.get().getEnclosingClass()) {
            Optional<API> api = type.get().tryGetAnnotationOfType(API.class);
            if (api.isPresent()) {
                return api.get().status() != API.Status.INTERNAL;
            }
        }
        return false;
    }

    private static DescribedPredicate<JavaClass> declaredForModules() {
        return DescribedPredicate.describe("are declared for modules (@API, not INTERNAL)",
                MeridianArchitecture::isDeclaredForModules);
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

    /**
     * Every resource of the admin API answers only administrators: it carries {@code @AdminOnly}, which the role
     * filter binds to. The module's info resource, public in every module, is the one exception.
     */
    static ArchRule adminResourcesAreForAdministratorsOnly(String root) {
        String admin = root + ".eventinfra.admin";
        return classes().that().resideInAPackage(admin).and().areAnnotatedWith(jakarta.ws.rs.Path.class)
                .and().areNotAssignableTo(ModuleInfoResource.class)
                .should().beAnnotatedWith(admin + ".AdminOnly")
                .because("issue 7: the admin role is enforced on every admin API call, server-side");
    }

    private static DescribedPredicate<JavaMethod> takeADeliveredEvent() {
        return DescribedPredicate.describe("take a @Delivered event", method -> method.getParameters().stream()
                .anyMatch(parameter -> parameter.isAnnotatedWith(Delivered.class)));
    }
}
