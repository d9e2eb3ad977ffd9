package io.cdnpurge.akamai.internal;

import com.akamai.edgegrid.signer.EdgeGridV1Signer;
import io.cdnpurge.PurgeException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeGridSigningTest {
    private static final AkamaiCredential CREDENTIAL = new AkamaiCredential("akab-1.purge.akamaiapis.net",
            "akab-client-token-1", "client-secret-1", "akab-access-token-1", 131_072, List.of(), "test");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static Request post(String url) {
        return new Request.Builder().url(url).post(RequestBody.create("{\"objects\":[1]}"
                .getBytes(StandardCharsets.UTF_8), MediaType.get("application/json"))).build();
    }

    @Test
    void signingIsRefusedWhileAkamaisSignerWouldLogTheTokens() {
        EdgeGridSigning signing = new EdgeGridSigning(CREDENTIAL, CLOCK, () -> "n", () -> true);

        assertThatThrownBy(() -> signing.sign(post("https://akab-1.purge.akamaiapis.net/ccu/v3/invalidate/cpcode/production")))
                .isInstanceOf(PurgeException.class)
                .hasMessageContaining(EdgeGridV1Signer.class.getName())
                .hasMessageContaining("akamai.allowSignerDebugLog=true")
                .hasMessageNotContaining("akab-client-token-1")
                .hasMessageNotContaining("akab-access-token-1");
    }

    @Test
    void theGuardWatchesTheLoggerAkamaisSignerWritesTo() {
        assertThat(EdgeGridSigning.SIGNER_LOGGER).isEqualTo(EdgeGridV1Signer.class.getName());
        // no SLF4J binding in these tests: nothing is enabled, so the real guard lets signing through
        assertThat(EdgeGridSigning.signerLogsTokens()).isFalse();
    }

    @Test
    void everyRequestGetsAFreshNonceAndTheClocksTimestamp() {
        EdgeGridSigning signing = new EdgeGridSigning(CREDENTIAL, CLOCK, false);

        String first = signing.sign(post("https://akab-1.purge.akamaiapis.net/ccu/v3/invalidate/cpcode/production"))
                .header("Authorization");
        String second = signing.sign(post("https://akab-1.purge.akamaiapis.net/ccu/v3/invalidate/cpcode/production"))
                .header("Authorization");

        assertThat(first).contains(";timestamp=20261122T10:00:00+0000;");
        assertThat(first.replaceAll(".*nonce=([^;]+);.*", "$1"))
                .isNotEqualTo(second.replaceAll(".*nonce=([^;]+);.*", "$1"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void aQueryWithEscapesIsRefusedBecauseTheSignerWouldSignItDecoded() {
        EdgeGridSigning signing = new EdgeGridSigning(CREDENTIAL, CLOCK, false);

        assertThatThrownBy(() -> signing.sign(post("https://akab-1.purge.akamaiapis.net/ccu/v3/invalidate/url/production"
                + "?accountSwitchKey=a%20b")))
                .isInstanceOf(PurgeException.class)
                .hasMessageContaining("percent-escapes");
    }
}
