package io.cdnpurge.spi;

import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {
    enum Tier { BASIC, PREMIUM }

    static final ConfigKey<String> TOKEN = ConfigKey.secret("apiToken").environment("ACME_API_TOKEN").doc("token");
    static final ConfigKey<String> ZONE = ConfigKey.string("zoneId").matching("[a-f0-9]{8}", "a zone id: 8 hex digits");
    static final ConfigKey<Integer> PER_CALL = ConfigKey.integer("perCall", 30, 1, 100).rangeReason("(Acme's limit)");
    static final ConfigKey<Duration> WAIT = ConfigKey.positiveDuration("retry.wait", Duration.ofSeconds(5));
    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofMinutes(1));
    static final ConfigKey<Boolean> LOOKUP = ConfigKey.bool("lookup", true);
    static final ConfigKey<Tier> TIER = ConfigKey.choice("tier", Tier.class, Tier.BASIC);
    static final ConfigKey<List<String>> REGIONS = ConfigKey.list("regions").matching("[a-z]+", "a region name");
    static final ConfigKey<Map<String, String>> HOSTS = ConfigKey.hostMap("hosts").matching("[a-f0-9]{8}", "a zone id");
    static final ConfigKey<Path> FILE = ConfigKey.path("file");
    static final ConfigKey<Double> RATE = ConfigKey.numberAbove("rate", 0);

    static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .keys(List.of(TOKEN, ZONE, PER_CALL, WAIT, WINDOW, LOOKUP, TIER, REGIONS, HOSTS, FILE, RATE))
            .check((settings, problems) -> {
                if (!settings.isGiven(TOKEN)) {
                    problems.add("no Acme token: set " + settings.howToSet(TOKEN));
                }
            })
            .build();

    private static ClientSettings read(String name, Map<String, String> values, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        ClientSettings settings = ClientSettings.read(name, "acme", SCHEMA,
                PurgeConfig.fromMap(values).withEnvironment(environment), true, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return settings;
    }

    @Test
    void everyTypeIsReadFromItsWrittenForm() {
        ClientSettings settings = read("acme", Map.ofEntries(Map.entry("acme.apiToken", "tok-123456"),
                Map.entry("acme.zoneId", "0a1b2c3d"), Map.entry("acme.perCall", " 42 "),
                Map.entry("acme.retry.wait", "1500ms"), Map.entry("acme.window", "0s"),
                Map.entry("acme.lookup", "FALSE"), Map.entry("acme.tier", "premium"),
                Map.entry("acme.regions", "eu, us,,ap"), Map.entry("acme.hosts", "WWW.Example.com=0a1b2c3d, "
                        + "example.org=ffffffff"), Map.entry("acme.file", "/tmp/state"), Map.entry("acme.rate", "2.5")),
                Map.of());

        assertThat(settings.get(TOKEN)).isEqualTo("tok-123456");
        assertThat(settings.get(ZONE)).isEqualTo("0a1b2c3d");
        assertThat(settings.get(PER_CALL)).isEqualTo(42);
        assertThat(settings.get(WAIT)).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.get(WINDOW)).isZero();
        assertThat(settings.get(LOOKUP)).isFalse();
        assertThat(settings.get(TIER)).isEqualTo(Tier.PREMIUM);
        assertThat(settings.get(REGIONS)).containsExactly("eu", "us", "ap");
        assertThat(settings.get(HOSTS)).containsExactly(Map.entry("www.example.com", "0a1b2c3d"),
                Map.entry("example.org", "ffffffff"));
        assertThat(settings.get(FILE)).isEqualTo(Path.of("/tmp/state"));
        assertThat(settings.get(RATE)).isEqualTo(2.5);
    }

    @Test
    void unsetKeysHaveTheirDefaults() {
        ClientSettings settings = read("acme", Map.of("acme.apiToken", "tok-123456"), Map.of());

        assertThat(settings.get(PER_CALL)).isEqualTo(30);
        assertThat(settings.get(WAIT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.get(TIER)).isEqualTo(Tier.BASIC);
        assertThat(settings.get(REGIONS)).isEmpty();
        assertThat(settings.get(ZONE)).isNull();
        assertThat(settings.find(PER_CALL)).isEmpty();
        assertThat(settings.isSet(PER_CALL)).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFullKey() {
        assertThatThrownBy(() -> read("shop", Map.ofEntries(Map.entry("shop.zoneId", "ZONE"),
                Map.entry("shop.perCall", "500"), Map.entry("shop.retry.wait", "30x"), Map.entry("shop.window", "-1s"),
                Map.entry("shop.lookup", "flase"), Map.entry("shop.tier", "gold"), Map.entry("shop.regions", "eu,U S"),
                Map.entry("shop.hosts", "www.example.com,example.org=nothex!"), Map.entry("shop.rate", "0"),
                Map.entry("shop.zoneid", "0a1b2c3d"), Map.entry("shop.colour", "blue")), Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "shop.zoneId is not a zone id: 8 hex digits (it is 'ZONE')",
                                "shop.perCall is '500': use a whole number from 1 to 100 (Acme's limit)",
                                "shop.retry.wait is '30x': use a positive duration such as 500ms, 30s, 5m or PT30S",
                                "shop.window is '-1s': use a duration of 0 or more such as 500ms, 30s, 5m or PT30S",
                                "shop.lookup is 'flase': use true or false",
                                "shop.tier is 'gold': use basic or premium",
                                "shop.regions item 'U S' is not a region name",
                                "shop.hosts entry 'www.example.com' is not host=value: write a host name such as "
                                        + "www.example.com, '=', then a zone id",
                                "shop.hosts entry 'example.org=nothex!' maps example.org to something that is not "
                                        + "a zone id",
                                "shop.rate is '0': use a number above 0, such as 2.5",
                                "no Acme token: set shop.apiToken",
                                "unknown key shop.zoneid: did you mean shop.zoneId? (keys are case-sensitive)",
                                "unknown key shop.colour: nothing reads it; the keys of shop are listed in the README "
                                        + "and the provider's page (keys are case-sensitive)"));
    }

    @Test
    void aSecretIsNeverRepeatedInAMessageOrToString() {
        String secret = "s3cr3t token\n";
        assertThatThrownBy(() -> read("acme", Map.of("acme.apiToken", secret), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("acme.apiToken contains a space, a control or a non-ASCII character")
                .hasMessageNotContaining("s3cr3t");

        ClientSettings settings = read("acme", Map.of("acme.apiToken", "tok-123456", "acme.perCall", "7"), Map.of());
        assertThat(settings.toString()).contains("apiToken=****", "perCall=7").doesNotContain("tok-123456");
        assertThat(settings.secretValues()).containsExactly("tok-123456");
    }

    @Test
    void onlyTheClientNamedByItsProviderReadsTheVendorsVariables() {
        Map<String, String> environment = Map.of("ACME_API_TOKEN", "from-env-1234");

        ClientSettings byId = read("acme", Map.of(), environment);
        assertThat(byId.get(TOKEN)).isEqualTo("from-env-1234");
        assertThat(byId.source(TOKEN)).isEqualTo("the ACME_API_TOKEN variable (read for acme.apiToken)");

        assertThatThrownBy(() -> read("shop", Map.of(), environment))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no Acme token: set shop.apiToken")
                .hasMessageNotContaining("ACME_API_TOKEN");
        assertThatThrownBy(() -> read("acme", Map.of(), Map.of()))
                .hasMessageContaining("set acme.apiToken (or the ACME_API_TOKEN variable)");
    }

    @Test
    void aBadValueFromTheVariableNamesTheVariable() {
        assertThatThrownBy(() -> read("acme", Map.of(), Map.of("ACME_API_TOKEN", "two words")))
                .hasMessageContaining("the ACME_API_TOKEN variable (read for acme.apiToken) contains a space")
                .hasMessageNotContaining("two words")
                // given, though bad: not also reported missing
                .hasMessageNotContaining("no Acme token");
    }

    @Test
    void keysAreDeclaredOnceAndNamedAsUsersWriteThem() {
        assertThatThrownBy(() -> ConfigSchema.builder().key(PER_CALL).key(ConfigKey.string("perCall")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perCall is declared twice");
        assertThatThrownBy(() -> ConfigKey.string("Per_Call")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PER_CALL.defaultText()).isEqualTo("30");
        assertThat(WAIT.defaultText()).isEqualTo("5s");
        assertThat(ZONE.defaultText()).isEqualTo("—");
        assertThat(TIER.choices()).containsExactly("basic", "premium");
    }
}
