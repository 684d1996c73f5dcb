package dev.wsnio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's "Use it in your project" stays true: the library modules are installed with
 * {@code mvn install} (into a private local repository under {@code examples/target/usage/}, never
 * the shared {@code ~/.m2}), and a separate project with its own {@code pom.xml} (in
 * {@code src/test/resources/usage-project/}) that declares {@code ws-server} and {@code ws-client}
 * as README says is built against them and run: its server and client exchange a message.
 *
 * <p>Maven runs in child processes. The shared repository {@code ~/.m2/repository} is read as a
 * second, file-based repository, so that what the build already downloaded is copied from there
 * and the test works offline once the shared repository holds the plugins.
 */
class UsageProjectTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "usage").toAbsolutePath();
    private static final Path REPOSITORY = WORK.resolve("repository");
    private static final Path PROJECT = WORK.resolve("project");
    private static final Duration BUILD_TIME = Duration.ofMinutes(5);

    @Test
    void aSeparateProjectBuildsAgainstTheInstalledArtifactsAndRuns() throws Exception {
        String version = System.getProperty("wsnio.version");
        Path settings = writeSettings();
        mvn(ROOT, settings, "install", "-Dmaven.test.skip=true", "-Dwsnio.skipJavadoc=true",
                "-pl", "ws-server,ws-client", "-am");
        for (String module : List.of("ws-frame", "ws-handshake", "ws-transport", "ws-server", "ws-client")) {
            Path jar = REPOSITORY.resolve(Path.of("dev", "wsnio", module, version, module + "-" + version + ".jar"));
            assertTrue(Files.isRegularFile(jar), module + " is installed: " + jar);
        }

        copyProject(version);
        Path classpathFile = PROJECT.resolve("target/classpath.txt");
        mvn(PROJECT, settings, "compile", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime");
        String dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        assertEquals(Set.of("ws-server", "ws-client", "ws-transport", "ws-handshake", "ws-frame"),
                Stream.of(dependencies.split(File.pathSeparator))
                        .map(jar -> Path.of(jar).getFileName().toString().replace("-" + version + ".jar", ""))
                        .collect(Collectors.toSet()),
                "the two dependencies bring the library's other modules and nothing else");
        String classpath = PROJECT.resolve("target/classes") + File.pathSeparator + dependencies;

        try (ChildProcess program = ChildProcess.start(PROJECT,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "example.EchoOverWebSocket")) {
            assertEquals(List.of("echoed: hello from my project"), program.awaitSuccess(Duration.ofSeconds(60)));
        }
    }

    @Test
    void readmeQuotesTheUsageExampleExactly() throws IOException {
        String source = Files.readString(Path.of(
                "src/test/resources/usage-project/src/main/java/example/EchoOverWebSocket.java"));
        String begin = "// README:BEGIN usage-example\n";
        int start = source.indexOf(begin) + begin.length();
        String example = source.substring(start, source.indexOf("// README:END usage-example", start));
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(example), "README.md must contain EchoOverWebSocket.java's example verbatim");
        String pom = Files.readString(Path.of("src/test/resources/usage-project/pom.xml"));
        for (String artifact : List.of("ws-server", "ws-client")) {
            String dependency = "<artifactId>" + artifact + "</artifactId>";
            assertTrue(pom.contains(dependency) && readme.contains(dependency), artifact + " in README and pom");
        }
    }

    /** Settings that add the shared repository, read-only, before Maven Central. */
    private static Path writeSettings() throws IOException {
        Files.createDirectories(WORK);
        String shared = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>shared-local</id><url>" + shared + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, "<settings><profiles><profile><id>shared-local</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>shared-local</activeProfile></activeProfiles>"
                + "</settings>\n");
        return settings;
    }

    /** Copies the usage project into target/, with the version being built in its pom. */
    private static void copyProject(String version) throws IOException {
        Path source = Path.of("src/test/resources/usage-project").toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = PROJECT.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, Files.readString(file).replace("@wsnio.version@", version));
            }
        }
    }

    /** Runs Maven in a directory with the private local repository, and waits for it to succeed. */
    private static void mvn(Path directory, Path settings, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("wsnio.mvn"), "-B", "-q",
                "-s", settings.toString(), "-Dmaven.repo.local=" + REPOSITORY));
        command.addAll(List.of(goals));
        try (ChildProcess maven = ChildProcess.start(directory, command.toArray(String[]::new))) {
            maven.awaitSuccess(BUILD_TIME);
        }
    }
}
