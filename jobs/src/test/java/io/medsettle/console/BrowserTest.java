package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.files.Identifiers;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser (issue 12, point 5): Debian's Chromium driven by ChromeDriver,
 * headless, against the application on a real port and a real database. A hospital logs in, changes
 * its first password, uploads a file with a bad row, sees the outcome and downloads the report; an
 * accountant previews and a second one approves, each run followed by its progress panel (htmx) to
 * its figures; finance downloads the fund's summary; hospital A cannot reach B's file by changing the
 * URL; the login page switches to English and back. Screenshots of the main pages go to
 * target/screenshots/, so that a test run leaves the checkout as it found it; to refresh the ones the
 * README shows, run it with {@code -Dmedsettle.screenshots=../docs/screenshots}.
 * Skipped, saying why, where Chromium is not installed; {@code .ci/run} installs it.
 */
@SpringBootTest(classes = MedsettleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("medsettle.screenshots", "target/screenshots"))
            .toAbsolutePath().normalize();
    private static final String PASSWORD = "browser-password-1";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @TempDir
    Path dir;

    private WebDriver browser;
    private Path downloads;

    @BeforeEach
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here: apt-get install chromium chromium-driver (.ci/run installs them)");
        downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking switches Chromium keeps calling Google's hosts, which this
        // machine's closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void hospitalsAccountantsAndFinanceDoTheirMonthInTheBrowser() throws Exception {
        String certno = "32070619770303789" + Identifiers.idNumberCheckDigit("32070619770303789");
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HBA,甲医院,1,general", "HBB,乙医院,2,general")
                .members("BM1,王伟," + certno + ",1,1977-03-03,in_service,2010-01-01")
                .averages("HBA,2093,3000.00", "HBB,2093,3000.00")
                .load(referenceData, LocalDate.of(2092, 6, 1));
        String firstPassword = users.add("hospital-a", Role.HOSPITAL, List.of("HBA"));
        users.add("hospital-b", Role.HOSPITAL, List.of("HBB"));
        users.changePassword("hospital-b", PASSWORD);
        for (String name : new String[] {"accountant-1", "accountant-2", "finance"}) {
            users.add(name, name.startsWith("finance") ? Role.FINANCE : Role.ACCOUNTANT, List.of());
            users.changePassword(name, PASSWORD);
        }
        Path file = DischargeFile.of("HBA").row("B1", "MB1", "BM1", "2093-01-03", "2093-01-05", "1000")
                .row("B2", "MB2", "BM1", "2093-01-09", "2093-01-08", "1000").write(dir.resolve("HBA-2093-01.csv"));

        // A hospital: the first password, then the upload of a file with a bad row.
        open("/login");
        screenshot("login");
        browser.findElement(By.id("lang-en")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Log in");
        browser.findElement(By.id("lang-zh")).click();
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("登录");
        login("hospital-a", firstPassword);
        assertThat(browser.getCurrentUrl()).endsWith("/password");
        browser.findElement(By.name("current")).sendKeys(firstPassword);
        browser.findElement(By.name("new")).sendKeys(PASSWORD);
        browser.findElement(By.name("repeated")).sendKeys(PASSWORD);
        browser.findElement(By.id("save")).click();
        // The click returns when the form is sent, not when the answer has replaced the page.
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.getPageSource().contains("密码已修改"));
        login("hospital-a", PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/hospital/files");
        browser.findElement(By.name("file")).sendKeys(file.toString());
        browser.findElement(By.id("upload")).click();
        assertThat(await(By.id("status")).getText()).isEqualTo("已入库");
        assertThat(browser.findElement(By.id("loaded")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("rejected")).getText()).isEqualTo("1");
        screenshot("hospital-outcome");
        String ownFile = browser.getCurrentUrl();
        browser.findElement(By.id("report")).click();
        Path report = awaitDownload(".csv");
        assertThat(Files.readString(report)).contains(",3,begndate,2093-01-09,入院日期晚于出院日期");
        open("/hospital/files");
        screenshot("hospital-files");
        logout();

        // Hospital B changes the URL to A's file: not found.
        login("hospital-b", PASSWORD);
        browser.get(ownFile);
        assertThat(browser.getPageSource()).doesNotContain("HBA").doesNotContain("处理结果");
        open("/hospital/files");
        assertThat(browser.findElement(By.id("files")).getText()).doesNotContain("HBA");
        logout();

        // An accountant previews, another approves.
        login("accountant-1", PASSWORD);
        open("/accountant/periods/2093-01");
        screenshot("accountant-dashboard");
        browser.findElement(By.id("preview")).click();
        // The run goes on in the background; the panel polls until it ends, then htmx opens its figures.
        assertThat(await(By.id("figures")).getText()).contains("HBA");
        assertThat(browser.findElement(By.id("progress")).getAttribute("data-state")).isEqualTo("completed");
        screenshot("accountant-preview");
        browser.findElement(By.id("approve")).click();
        // The click can return before the browser has the answer's page: it is waited for, as above.
        assertThat(await(By.id("run-error")).getText()).contains("四眼原则");
        logout();
        login("accountant-2", PASSWORD);
        open("/accountant/periods/2093-01");
        browser.findElement(By.id("approve")).click();
        assertThat(await(By.id("approved")).getText()).contains("本期已审核");

        // The year's close cannot start while eleven months are open: the panel says which, in the browser.
        open("/accountant/years/2093");
        browser.findElement(By.id("preview")).click();
        assertThat(await(By.cssSelector("#progress[data-state='refused']")).getText())
                .contains("11").contains("2093-02").contains("2093-12");
        screenshot("accountant-year-refused");
        logout();

        // Finance takes the fund's summary.
        login("finance", PASSWORD);
        open("/finance/statements");
        screenshot("finance-statements");
        browser.findElement(By.linkText("fund-summary-2093-01.xlsx")).click();
        Path summary = awaitDownload(".xlsx");
        assertThat(Files.readAllBytes(summary)).startsWith('P', 'K');
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private void login(String name, String password) {
        open("/login");
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        // The click returns when the form is sent: wait for the answer, or the next page asked for
        // would meet the login page (CI once opened the finance statements before the login was done).
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.getCurrentUrl().contains("/login"));
    }

    private void logout() {
        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/login"));
    }

    /** The element once it is on the page, as a run's end brings it. */
    private org.openqa.selenium.WebElement await(By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(b -> b.findElements(element).stream().findFirst().orElse(null));
    }

    private Path awaitDownload(String suffix) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
