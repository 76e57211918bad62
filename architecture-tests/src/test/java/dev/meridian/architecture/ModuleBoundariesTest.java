package dev.meridian.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

    private static final String ROOT = "dev.meridian";
    /** The repository's root: the build runs this module's tests from its own directory. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EVENT_INFRA_CLASS = Pattern.compile("dev\\.meridian\\.eventinfra(\\.[a-z]+)+\\.[A-Z]\\w*");
    /** A row of docs/platform.md's tables: | `Type` | STATUS | what for | */
    private static final Pattern LISTED_TYPE = Pattern.compile("(?m)^\\| `(\\w+)` \\| (STABLE|EXPERIMENTAL) \\|");

    private static JavaClasses meridian;
    private static List<String> domainModules;

    @BeforeAll
    static void importEveryModule() {
        meridian = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        domainModules = MeridianArchitecture.domainModules(meridian, ROOT);
    }

    @Test
    void seesEveryModule() {
        // the rules below prove nothing about a module whose classes were not imported
        for (String module : new String[] {"eventinfra.api", "eventinfra.module", "eventinfra.admin", "auth.web",
            "user.web", "notification.web", "analytics.web", "launcher"}) {
            assertThat(meridian.containPackage(ROOT + "." + module)).as(module).isTrue();
        }
        assertThat(domainModules).contains("auth", "user", "notification", "analytics");
    }

    @Test
    void holdsEveryModuleOfTheRepositoryToTheRules() throws IOException {
        // a module directory whose classes are not on this class path would escape every rule below
        try (Stream<Path> directories = Files.list(REPOSITORY)) {
            assertThat(domainModules).containsAll(directories.map(directory -> directory.getFileName().toString())
                    .filter(name -> name.endsWith("-module")).map(name -> name.substring(0, name.length() - 7))
                    .toList());
        }
    }

    @Test
    void modulesAreFreeOfCycles() {
        MeridianArchitecture.modulesAreFreeOfCycles(ROOT).check(meridian);
    }

    @Test
    void modulesMeetOnlyThroughTheirApi() {
        MeridianArchitecture.modulesMeetOnlyThroughTheirApi(ROOT, domainModules).check(meridian);
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
    void modulesUseOnlyTheDeclaredPlatform() {
        MeridianArchitecture.modulesUseOnlyTheDeclaredPlatform(ROOT, domainModules).check(meridian);
    }

    @Test
    void webXmlsNameOnlyTheDeclaredPlatform() throws IOException {
        List<Path> webXmls = new ArrayList<>();
        for (String module : domainModules) {
            try (Stream<Path> files = Files.walk(REPOSITORY.resolve(module + "-module"))) {
                files.filter(file -> file.endsWith(Path.of("src/main/webapp/WEB-INF/web.xml"))).forEach(webXmls::add);
            }
        }
        assertThat(webXmls).as("every domain module's web.xml").hasSize(domainModules.size());
        for (Path webXml : webXmls) {
            Matcher named = EVENT_INFRA_CLASS.matcher(Files.readString(webXml));
            while (named.find()) {
                assertThat(MeridianArchitecture.isDeclaredForModules(meridian.get(named.group())))
                        .as("%s names %s", REPOSITORY.relativize(webXml), named.group()).isTrue();
            }
        }
    }

    @Test
    void platformPageListsExactlyTheDeclaredTypes() throws IOException {
        Set<String> declared = meridian.stream()
                .filter(type -> type.getPackageName().startsWith(ROOT + ".eventinfra."))
                .filter(type -> !type.isNestedClass())
                .filter(type -> type.tryGetAnnotationOfType(API.class).isPresent())
                .map(type -> type.getSimpleName() + " " + type.getAnnotationOfType(API.class).status())
                .collect(Collectors.toSet());
        Set<String> listed = new HashSet<>();
        Matcher row = LISTED_TYPE.matcher(Files.readString(REPOSITORY.resolve("docs/platform.md")));
        while (row.find()) {
            listed.add(row.group(1) + " " + row.group(2));
        }
        assertThat(listed).as("docs/platform.md against the @API types").isEqualTo(declared);
    }

    @Test
    void eventInfraKnowsNoDomainModule() {
        MeridianArchitecture.eventInfraKnowsNoDomainModule(ROOT, domainModules).check(meridian);
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
