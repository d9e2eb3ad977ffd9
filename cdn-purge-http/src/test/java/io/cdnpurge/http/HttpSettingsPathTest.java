package io.cdnpurge.http;

import io.cdnpurge.PurgeConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpSettingsPathTest {
    private final HttpSettings settings = HttpSettings.from(PurgeConfig.fromMap(Map.of()), "acme",
            "https://api.example.com/v4");

    @Test
    void everyValueIsOneEncodedSegment() {
        assertThat(settings.url("zones", "a/b?c#d", "%2e%2e", "purge").build().encodedPath())
                .isEqualTo("/v4/zones/a%2Fb%3Fc%23d/%252e%252e/purge");
    }

    @Test
    void aDotSegmentIsRefusedInsteadOfResolved() {
        for (String segment : new String[] {"..", ".", ""}) {
            assertThatIllegalArgumentException().isThrownBy(() -> settings.url("zones", segment, "purge_cache"))
                    .withMessageContaining("'" + segment + "'");
        }
    }
}
