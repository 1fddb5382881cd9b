package dev.newsfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is checked without a Docker engine: {@code docker-compose config} validates it against
 * the Compose schema and prints it resolved. The Debian package docker-compose needs no engine; .ci/run
 * installs it, and where it is missing this test is skipped, not passed.
 */
class DockerComposeFileTest {

    @Test
    void composeFileIsValidAndConfiguresTheServiceForARealBroker() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");

        Process process = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config")
                .redirectErrorStream(true).start();
        String resolved = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(resolved).isZero();
        assertThat(resolved)
                .contains("image: apache/kafka:4.1.2")
                .contains("KAFKA_PROCESS_ROLES: broker,controller")
                .contains("KAFKA_BOOTSTRAP_SERVERS: kafka:19092")
                .contains("NEWSFEED_KAFKA_EMBEDDED: never")
                .contains("dockerfile: src/main/docker/Dockerfile.jvm")
                .as("health is probed on the management port").contains("/dev/tcp/localhost/9000")
                .contains("GET /q/health/ready");
    }

    private static boolean onPath(String command) throws IOException {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, command))
                .anyMatch(File::canExecute);
    }
}
