package dev.meridian.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleBoundariesTest {

    private static final String ROOT = "dev.meridian";

    private static JavaClasses meridian;

    @BeforeAll
    static void importEveryModule() {
        meridian = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void seesEveryModule() {
        // the rules below prove nothing about a module whose classes were not imported
        for (String module : new String[] {"eventinfra.api", "eventinfra.module", "eventinfra.admin", "auth.web",
            "user.web", "notification.web", "analytics.web", "launcher"}) {
            assertThat(meridian.containPackage(ROOT + "." + module)).as(module).isTrue();
        }
    }

    @Test
    void modulesAreFreeOfCycles() {
        MeridianArchitecture.modulesAreFreeOfCycles(ROOT).check(meridian);
    }

    @Test
    void modulesMeetOnlyThroughTheirApi() {
        MeridianArchitecture.modulesMeetOnlyThroughTheirApi(ROOT).check(meridian);
    }

    @Test
    void apisDependOnlyOnPublishedLanguage() {
        MeridianArchitecture.apisDependOnlyOnPublishedLanguage(ROOT).check(meridian);
    }

    @Test
    void domainIsFreeOfFrameworks() {
        MeridianArchitecture.domainIsFreeOfFrameworks(ROOT).check(meridian);
    }

    @Test
    void eventInfraKnowsNoDomainModule() {
        MeridianArchitecture.eventInfraKnowsNoDomainModule(ROOT).check(meridian);
    }

    @Test
    void adminResourcesAreForAdministratorsOnly() {
        MeridianArchitecture.adminResourcesAreForAdministratorsOnly(ROOT).check(meridian);
    }

    @Test
    void eventHandlersLiveInMessaging() {
        MeridianArchitecture.eventHandlersLiveInMessaging(ROOT).check(meridian);
    }
}
