package io.cdnpurge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedClientsTest {
    private static final ClientOptions QUIET = ClientOptions.builder().logging(false).build();

    @Test
    void aNamedClientReadsItsOwnKeysAndNamesItselfInMessages() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("eu.provider", "alpha", "eu.maxAttempts", "2",
                "eu.concurrency", "3", "alpha.concurrency", "9"));

        try (PurgeClient eu = CdnPurge.client("eu", config, QUIET);
             PurgeClient alpha = CdnPurge.client("alpha", config, QUIET)) {
            assertThat(eu.providerId()).isEqualTo("alpha");
            assertThat(eu.toString()).contains("eu (alpha)", "3 concurrent calls", "2 attempts");
            assertThat(alpha.toString()).contains("PurgeClient{alpha,", "9 concurrent calls", "5 attempts");
        }
    }

    @Test
    void aNamedClientsKeysAreCheckedWithTheirFullNames() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("eu.provider", "alpha", "eu.maxAtempts", "2",
                "eu.deadline", "soon"));

        assertThatThrownBy(() -> CdnPurge.client("eu", config, QUIET))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "eu.deadline is 'soon': use a positive duration such as 500ms, 30s, 5m or PT30S",
                                "unknown key eu.maxAtempts: did you mean eu.maxAttempts? (keys are case-sensitive)"));
    }

    @Test
    void anUnknownProviderIsNamedWithItsKeyAndTheProvidersThereAre() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("eu.provider", "alpah"));

        assertThatThrownBy(() -> CdnPurge.client("eu", config, QUIET))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessage("eu.provider is 'alpah', which no provider on the class path is (did you mean alpha?): "
                        + "known providers are alpha, beta (add the module cdn-purge-<provider> to use another)");
        assertThatThrownBy(() -> CdnPurge.client("eu.west", config, QUIET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client name 'eu.west'");
    }

    @Test
    void clientsCreatesEveryClientOfAConfigurationAndClosesThemTogether() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("eu.provider", "alpha", "us.provider", "beta",
                "alpha.maxAttempts", "3"));

        PurgeClients clients = CdnPurge.clients(config, QUIET);
        assertThat(clients.names()).containsExactly("alpha", "eu", "us");
        assertThat(clients.get("us").providerId()).isEqualTo("beta");
        assertThat(clients.toString()).isEqualTo("PurgeClients{alpha=alpha, eu=alpha, us=beta}");
        assertThatThrownBy(() -> clients.get("asia")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no client named 'asia' in this configuration; its clients are alpha, eu, us");
        clients.close();
        assertThatThrownBy(() -> clients.get("eu").purge(PurgeRequest.builder().tag("t").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void clientsReportsTheProblemsOfEveryClientAtOnce() {
        PurgeConfig config = PurgeConfig.fromMap(Map.of("eu.provider", "alpha", "eu.concurrency", "500",
                "us.provider", "gamma", "asia.maxAttempts", "2", "beta.retry.maxBackof", "1m", "timeout", "5s"));

        assertThatThrownBy(() -> CdnPurge.clients(config, QUIET))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "the key 'timeout' names no client: keys are <client>.<key>, such as "
                                        + "cloudflare.apiToken or shop.provider",
                                "the keys under asia. belong to no client: set asia.provider to one of alpha, beta, "
                                        + "or correct the prefix",
                                "unknown key beta.retry.maxBackof: did you mean beta.retry.maxBackoff? (keys are "
                                        + "case-sensitive)",
                                "eu.concurrency is '500': use a whole number from 1 to 64",
                                "us.provider is 'gamma', which no provider on the class path is: known providers are "
                                        + "alpha, beta (add the module cdn-purge-<provider> to use another)"));
    }

    @Test
    void aPropertiesFileIsAConfiguration(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("cdn-purge.properties");
        Files.writeString(file, "# two clients\neu.provider = alpha\neu.concurrency=2\nbeta.maxAttempts: 4\n",
                StandardCharsets.UTF_8);

        PurgeConfig config = PurgeConfig.fromFile(file);
        assertThat(config.keys()).containsExactly("beta.maxAttempts", "eu.concurrency", "eu.provider");
        assertThat(config.get("eu.provider")).isEqualTo("alpha");
        assertThatThrownBy(() -> PurgeConfig.fromFile(folder.resolve("missing.properties")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cannot read the configuration file " + folder.resolve("missing.properties"));
    }
}
