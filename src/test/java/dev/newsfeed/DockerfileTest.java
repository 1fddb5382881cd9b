package dev.newsfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * src/main/docker/Dockerfile.jvm, read as Docker reads it (continuation lines joined), since no Docker engine runs
 * here to build it: the service runs as a user of its own, is checked on readiness, is configured by environment,
 * keeps its view on a volume that user owns, and gets SIGTERM itself.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    private final List<String> instructions = instructions(DOCKERFILE);

    @Test
    void runsAsAUserOfItsOwnNeverRoot() {
        List<String> users = withKeyword("USER");
        assertThat(users).as("one USER, after which nothing runs as root").hasSize(1);
        String user = users.get(0).substring("USER ".length()).trim();
        assertThat(user).matches("[1-9][0-9]*(:[1-9][0-9]*)?").as("numeric, so that runAsNonRoot can verify it");
        int userAt = instructions.indexOf(users.get(0));
        assertThat(instructions.subList(userAt, instructions.size())).noneMatch(line -> line.startsWith("RUN "));
    }

    @Test
    void healthCheckAsksReadinessWithACommandTheBaseImageHas() {
        List<String> checks = withKeyword("HEALTHCHECK");
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0)).contains("CMD curl -fsS", "$HEALTHCHECK_URL");
        assertThat(env("HEALTHCHECK_URL")).endsWith("/q/health/ready");
        // Temurin's noble images ship curl; another base image may not.
        assertThat(withKeyword("FROM")).containsExactly("FROM eclipse-temurin:17-jre-noble");
    }

    @Test
    void viewIsAVolumeTheServiceUserOwnsAndWhereTheServiceKeepsIt() {
        String viewDir = env("NEWSFEED_VIEW_DATA_DIR");
        assertThat(viewDir).isEqualTo("/deployments/data/view");
        assertThat(withKeyword("VOLUME")).containsExactly("VOLUME [\"" + viewDir + "\"]");
        String user = withKeyword("USER").get(0).substring("USER ".length()).trim();
        assertThat(withKeyword("RUN")).anyMatch(run -> run.contains("mkdir -p " + viewDir)
                && run.contains("chown -R " + user + " /deployments/data"));
    }

    @Test
    void configuredByEnvironmentWithoutEmbeddedBrokerOrSecrets() {
        assertThat(env("NEWSFEED_KAFKA_EMBEDDED")).isEqualTo("never");
        assertThat(String.join("\n", instructions)).doesNotContainIgnoringCase("NEWSFEED_API_TOKEN=")
                .doesNotContainIgnoringCase("SASL_JAAS_CONFIG=").doesNotContainIgnoringCase("password");
    }

    @Test
    void javaIsTheProcessThatGetsSigterm() {
        assertThat(withKeyword("ENTRYPOINT")).singleElement().asString().contains("exec java");
        assertThat(withKeyword("STOPSIGNAL")).containsExactly("STOPSIGNAL SIGTERM");
    }

    private List<String> withKeyword(String keyword) {
        return instructions.stream().filter(line -> line.startsWith(keyword + " ")).toList();
    }

    /** The value an ENV instruction gives a variable (the {@code KEY=value} form, values without spaces). */
    private String env(String name) {
        Pattern pattern = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "=(\"[^\"]*\"|\\S+)");
        for (String line : withKeyword("ENV")) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1).replace("\"", "");
            }
        }
        throw new AssertionError(name + " is not set by an ENV instruction of " + DOCKERFILE);
    }

    /** Instructions with their continuation lines joined, without comments and blank lines. */
    private static List<String> instructions(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return instructions;
    }
}
