package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.execute;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, through its chromedriver) against the deployed EAR:
 * an operator signs in, finds a parked event by filter, opens it, retries it and sees it resolved, discards another
 * with a reason, retries a third through "retry all matching", sees a new registration appear in the live view and
 * follows its correlation id across modules, follows a registration's steps, watches a projection rebuild to its
 * end, looks at the dashboard's charts, and signs out. The events are parked for real: a database trigger makes
 * analytics fail to answer data exports, with an error message that is a script, which the console must show as
 * text. Screenshots of each step go to {@code target/console-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final String PASSWORD = "a perfectly fine passphrase";
    private static final String SCRIPT = "<script>window.pwned = true</script>";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static ChromeDriver browser;
    private static WebDriverWait patiently;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        File chromium = new File(System.getProperty("meridian.test.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("meridian.test.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("chromium for the browser tests (apt-get install chromium chromium-driver)")
                .canRead();
        assertThat(chromedriver).as("chromedriver for the browser tests (apt-get install chromium-driver)")
                .canRead();
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build(),
                options);
        patiently = new WebDriverWait(browser, Duration.ofSeconds(30));
        // pages that follow progress draw their tables again while a wait reads them: read again then
        patiently.ignoring(StaleElementReferenceException.class);
        // a wait that fails says what the page said then
        patiently.withMessage(() -> "the console's status: '" + browser.findElement(By.id("status")).getText() + "'");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFindsRetriesAndDiscardsParkedEvents() throws Exception {
        List<String> parked = parkDataExportRequests(3);
        browser.get(TestServer.http("/admin/").toString());
        screenshot("sign-in");

        browser.findElement(By.name("email")).sendKeys(TestServer.property("meridian.test.admin.email"));
        browser.findElement(By.name("password")).sendKeys(TestServer.property("meridian.test.admin.password"));
        browser.findElement(By.cssSelector("#sign-in button")).click();
        statusSays("Signed in as");

        find(parked.get(0));
        assertThat(rows()).hasSize(1);
        screenshot("dead-letters");
        rows().get(0).click();
        WebElement error = patiently.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-error")));
        assertThat(error.getText()).as("the script shown as text").contains(SCRIPT);
        assertThat(browser.findElement(By.id("detail-payload")).getText()).contains(parked.get(0));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
                .as("no script from an error message ran").isEqualTo(true);
        screenshot("dead-letter-detail");

        browser.findElement(By.id("retry-one")).click();
        statusSays("is RESOLVED");
        assertThat(browser.findElement(By.id("detail-fields")).getText()).contains("RESOLVED");
        assertThat(browser.findElement(By.id("detail-history")).getText()).contains("RETRIED")
                .contains(TestServer.property("meridian.test.admin.email"));
        screenshot("dead-letter-retried");

        find(parked.get(1));
        rows().get(0).click();
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-payload"), parked.get(1)));
        browser.findElement(By.id("discard-reason")).sendKeys("the export failed long ago; nobody waits for it");
        browser.findElement(By.id("discard-one")).click();
        statusSays("discarded");
        assertThat(browser.findElement(By.id("detail-history")).getText()).contains("DISCARDED")
                .contains("nobody waits for it");
        screenshot("dead-letter-discarded");
        assertThat(count("select count(*) from event_infra.dead_letters where consumer = 'analytics'"
                + " and status = 'DISCARDED' and envelope::text like '%" + parked.get(1) + "%'")).isOne();

        find(parked.get(2));
        browser.findElement(By.id("retry-matching")).click();
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-text"),
                "Retry 1 parked dead letter matching this filter?"));
        screenshot("dead-letters-retry-matching");
        browser.findElement(By.id("confirm-yes")).click();
        statusSays("Retry of 1 dead letter requested");
        DeliveryIT.eventually(() -> count("select count(*) from event_infra.dead_letters where consumer = 'analytics'"
                + " and status = 'RESOLVED' and envelope::text like '%" + parked.get(2) + "%'") == 1,
                "the dead letter retried by its filter resolved");

        browser.findElement(By.id("nav-events")).click();
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "events"));
        browser.findElement(By.id("follow-live")).click();
        statusSays("Following new events");
        String newcomer = TestServer.register("live-" + UUID.randomUUID() + "@example.org", PASSWORD, "Newcomer");
        By registeredLive = By.xpath("//table[@id='event-table']//tr[td[3]='auth.UserRegistered' and td[4]='account-"
                + newcomer + "']");
        patiently.until(ExpectedConditions.presenceOfElementLocated(registeredLive));
        screenshot("events-live");
        browser.findElement(By.id("follow-live")).click();
        statusSays("Stopped following");
        browser.findElement(registeredLive).findElements(By.tagName("td")).get(5).click();
        patiently.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@id='event-table']//tr[td[4]='profile-" + newcomer + "']")));
        screenshot("events-of-one-correlation");
        browser.findElement(By.id("follow-live")).click();
        statusSays("Following new events");
        String later = TestServer.register("again-" + UUID.randomUUID() + "@example.org", PASSWORD, "Later");
        patiently.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//table[@id='event-table']"
                + "//tr[td[3]='auth.UserRegistered' and td[4]='account-" + later + "']")));
        browser.findElement(By.id("follow-live")).click();
        statusSays("Stopped following");

        browser.findElement(By.id("nav-processes")).click();
        new Select(browser.findElement(By.cssSelector("#process-filter select[name=type]")))
                .selectByVisibleText("registration");
        browser.findElement(By.cssSelector("#process-filter button[type=submit]")).click();
        patiently.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#process-table tbody tr")));
        browser.findElement(By.cssSelector("#process-table tbody tr")).click();
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("process-steps"), "auth"));
        screenshot("processes");

        browser.findElement(By.id("nav-projections")).click();
        By volume = By.cssSelector("#projection-table tr[data-name='analytics-event-volume']");
        patiently.until(ExpectedConditions.presenceOfElementLocated(volume)).findElement(By.tagName("button"))
                .click();
        browser.switchTo().alert().accept();
        patiently.until(driver -> {
            List<WebElement> cells = driver.findElement(volume).findElements(By.tagName("td"));
            String[] progress = cells.get(5).getText().strip().split(" / ");
            // events stored while the rebuild ran may be replayed with it, so it can end beyond its starting total
            return cells.get(2).getText().equals("LIVE") && progress.length == 2 && Long.parseLong(progress[1]) > 0
                    && Long.parseLong(progress[0]) >= Long.parseLong(progress[1]);
        });
        statusSays("analytics-event-volume rebuilt");
        assertThat(browser.findElement(volume).findElements(By.tagName("td")).get(9).getText())
                .as("the rebuild recorded with who asked").isEqualTo(TestServer.property("meridian.test.admin.email"));
        screenshot("projections");

        browser.findElement(By.id("nav-dashboard")).click();
        statusSays("Dashboard as of");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        for (String canvas : List.of("chart-signups", "chart-logins", "chart-event-types", "chart-relay-lag",
                "chart-dead-letters", "chart-retries")) {
            assertThat(page.executeScript("return Chart.getChart(arguments[0]) !== undefined", canvas))
                    .as("a chart drawn on " + canvas).isEqualTo(true);
        }
        assertThat(page.executeScript("return Chart.getChart('chart-signups').data.datasets[0].data.length"))
                .as("a bar for each of 30 days").isEqualTo(30L);
        // this test registered people today; the dashboard refreshes until the projection has them
        patiently.until(driver -> ((Number) page.executeScript(
                "const days = Chart.getChart('chart-signups').data.datasets[0].data; return days[days.length - 1]"))
                .longValue() > 0);
        assertThat(labels("chart-event-types")).contains("auth.UserRegistered", "user.UserProfileCreated");
        assertThat(labels("chart-dead-letters")).contains("analytics", "auth", "notification", "user");
        assertThat(labels("chart-relay-lag")).contains("meridian.auth.events", "meridian.user.events");
        assertThat(browser.findElement(By.id("consumer-table")).getText()).contains("analytics");
        screenshot("dashboard");

        browser.findElement(By.id("sign-out")).click();
        statusSays("Signed out");
        assertThat(browser.findElement(By.id("sign-in-page")).isDisplayed()).isTrue();
    }

    @Test
    void refusesSomeoneWhoIsNotAnAdministrator() throws Exception {
        String email = "not-an-admin-" + UUID.randomUUID() + "@example.org";
        TestServer.register(email, PASSWORD, "Just A User");
        browser.get(TestServer.http("/admin/").toString());

        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button")).click();

        statusSays("not an administrator");
        assertThat(browser.findElement(By.id("dead-letters-page")).isDisplayed()).isFalse();
        screenshot("sign-in-refused");
    }

    @Test
    void servesTheConsoleWithAPolicyThatAllowsOnlyItsOwnScript() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(TestServer.http("/admin/")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\"></script>");
    }

    /** People ask for their data; analytics cannot answer any of them, so every request ends up parked. */
    private static List<String> parkDataExportRequests(int people) throws Exception {
        execute("create function refuse_for_console() returns trigger language plpgsql as $$"
                + " begin raise exception '" + SCRIPT + " (refused for the console test)'; end $$");
        execute("create trigger refuse_for_console before insert on event_infra.events for each row"
                + " when (new.event_type = 'analytics.AnalyticsDataExported') execute function refuse_for_console()");
        List<String> exports = new ArrayList<>();
        try {
            for (int person = 0; person < people; person++) {
                String email = "console-" + UUID.randomUUID() + "@example.org";
                TestServer.register(email, PASSWORD, "Console Person");
                String bearer = "Bearer " + TestServer.json(TestServer.signIn(email, PASSWORD))
                        .getString("accessToken");
                String exportId = TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                        "/api/users/me/data-exports")).header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.noBody()))).getString("exportId");
                DeliveryIT.eventually(() -> count("select count(*) from event_infra.dead_letters where consumer ="
                        + " 'analytics' and status = 'PARKED' and envelope::text like '%" + exportId + "%'") == 1,
                        "the request of export " + exportId + " parked");
                exports.add(exportId);
            }
        } finally {
            execute("drop trigger refuse_for_console on event_infra.events");
            execute("drop function refuse_for_console()");
        }
        return exports;
    }

    private static void find(String text) {
        WebElement consumer = browser.findElement(By.cssSelector("#dead-letter-filter [name=consumer]"));
        consumer.clear();
        consumer.sendKeys("analytics");
        new Select(browser.findElement(By.cssSelector("#dead-letter-filter [name=status]")))
                .selectByVisibleText("PARKED");
        WebElement q = browser.findElement(By.cssSelector("#dead-letter-filter [name=q]"));
        q.clear();
        q.sendKeys(text);
        browser.findElement(By.cssSelector("#dead-letter-filter button[type=submit]")).click();
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page-info"), "(1 dead letter)"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> labels(String canvas) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return Chart.getChart(arguments[0]).data.labels", canvas);
    }

    private static List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#dead-letter-table tbody tr"));
    }

    private static void statusSays(String text) {
        patiently.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), text));
    }

    private static void screenshot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
