package io.cdnpurge.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTest {
    private static final Path CHECKED_IN = Path.of(
            "src/main/resources/META-INF/additional-spring-configuration-metadata.json");

    @Test
    void theMetadataFileDescribesEveryKeyAsTheSchemasDeclareIt() throws IOException {
        String expected = ConfigurationMetadata.json();
        String actual = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            Path made = Path.of("target/additional-spring-configuration-metadata.json");
            Files.writeString(made, expected, StandardCharsets.UTF_8);
            throw new AssertionError(CHECKED_IN + " is not the metadata the providers' schemas make: replace it with "
                    + made + " (cp " + made + " " + CHECKED_IN + ")");
        }
    }

    @Test
    void theJarsMetadataHoldsTheSchemasKeysAndTheOutboxProperties() throws IOException {
        // this module's own file, as the jar will hold it (the class path holds Spring Boot's under the same name)
        Path made = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(made).as("the configuration processor's metadata").exists();
        String merged = Files.readString(made, StandardCharsets.UTF_8);
        assertThat(merged).contains("\"cdnpurge.defaults.max-attempts\"", "\"cdnpurge.defaults.rate-limit.max-wait\"",
                "\"cdnpurge.clients.cloudflare.api-token\"", "\"cdnpurge.clients.akamai.rate-limit.urls.burst\"",
                "\"cdnpurge.routes\"", "\"cdnpurge.outbox.store\"", "\"cdnpurge.actuator.purge-enabled\"");
    }

    @Test
    void kebabCaseIsSpringsCanonicalForm() {
        assertThat(ConfigurationMetadata.kebab("rateLimit.maxWait")).isEqualTo("rate-limit.max-wait");
        assertThat(ConfigurationMetadata.kebab("apiToken")).isEqualTo("api-token");
    }
}
