package dev.meridian.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each rule, applied to the fixture's deliberate violations, fails and names the offending class. */
class RulesCatchViolationsTest {

    private static final String FIXTURE = "dev.meridian.architecture.fixture";

    private static JavaClasses fixture;
    private static List<String> fixtureModules;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
        fixtureModules = MeridianArchitecture.domainModules(fixture, FIXTURE);
    }

    @Test
    void findsTheDomainModulesAndNotThePlatform() {
        assertThat(fixtureModules).containsExactly("auth", "notification", "user");
    }

    @Test
    void catchesACycleBetweenModules() {
        assertViolation(MeridianArchitecture.modulesAreFreeOfCycles(FIXTURE), "fixture.auth.web.CallsUser");
    }

    @Test
    void catchesAModuleReachingIntoAnotherModulesCore() {
        assertViolation(MeridianArchitecture.modulesMeetOnlyThroughTheirApi(FIXTURE, fixtureModules),
                "fixture.notification.messaging.ReadsAuthInternals");
    }

    @Test
    void catchesAnApiThatLeaksItsCore() {
        assertViolation(MeridianArchitecture.apisDependOnlyOnPublishedLanguage(FIXTURE), "fixture.auth.api.LeaksCore");
    }

    @Test
    void catchesAFrameworkInTheDomain() {
        assertViolation(MeridianArchitecture.domainIsFreeOfFrameworks(FIXTURE), "fixture.user.domain.InjectedProfile");
    }

    @Test
    void catchesAModuleUsingAnUndeclaredPartOfThePlatform() {
        ArchRule rule = MeridianArchitecture.modulesUseOnlyTheDeclaredPlatform(FIXTURE, fixtureModules);
        assertViolation(rule, "fixture.notification.command.UsesThePlatform");
        assertThat(rule.evaluate(fixture).getFailureReport().getDetails())
                .as("the undeclared and the internal type are named; the declared ones and the api are fine")
                .anyMatch(detail -> detail.contains("UndeclaredHelper"))
                .anyMatch(detail -> detail.contains("InternalHelper"))
                .noneMatch(detail -> detail.contains("DeclaredHelper") && !detail.contains("UndeclaredHelper"))
                .noneMatch(detail -> detail.contains("fixture.eventinfra.api."));
    }

    @Test
    void catchesEventInfraKnowingADomainModule() {
        assertViolation(MeridianArchitecture.eventInfraKnowsNoDomainModule(FIXTURE, fixtureModules),
                "fixture.eventinfra.store.KnowsAuth");
    }

    @Test
    void catchesAnEventHandlerOutsideMessaging() {
        ArchRule rule = MeridianArchitecture.eventHandlersLiveInMessaging(FIXTURE);
        assertViolation(rule, "fixture.user.web.HandlesAuthEvents");
        assertThat(rule.evaluate(fixture).getFailureReport().getDetails()).as("the handler in messaging is fine")
                .noneMatch(detail -> detail.contains("HandlesAuthEventsInPlace"));
    }

    @Test
    void catchesAnAdminResourceOpenToEveryone() {
        ArchRule rule = MeridianArchitecture.adminResourcesAreForAdministratorsOnly(FIXTURE);
        assertViolation(rule, "fixture.eventinfra.admin.OpenResource");
        assertThat(rule.evaluate(fixture).getFailureReport().getDetails()).as("the guarded resource is fine")
                .noneMatch(detail -> detail.contains("GuardedResource"));
    }

    private static void assertViolation(ArchRule rule, String offendingClass) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation()).as("violations of: %s", rule.getDescription()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(offendingClass);
    }
}
