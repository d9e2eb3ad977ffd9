package io.cdnpurge.cloudflare;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.fakes.cloudflare.FakeCloudflareApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /user/tokens/verify}: an active token works; an expired one is what users ran on for days. */
class CloudflareAccessCheckTest {
    private static final String TOKEN = "cf-token-0123456789abcdef0123456789";
    private final FakeCloudflareApi cloudflare = FakeCloudflareApi.start().apiToken(TOKEN);

    @AfterEach
    void stop() {
        cloudflare.close();
    }

    private AccessCheck check() {
        try (PurgeClient client = cloudflare.client()) {
            return client.checkAccess().get(0);
        }
    }

    @Test
    void anActiveTokenWorksButItsPurgePermissionIsNotShown() {
        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.CREDENTIAL_ONLY);
        assertThat(check.detail()).contains("the API token is active", "Zone · Cache Purge");
        assertThat(cloudflare.requestLines()).containsExactly("GET /client/v4/user/tokens/verify");
        assertThat(cloudflare.purgeCalls()).isEmpty();
    }

    @Test
    void anExpiredTokenIsDeniedSayingWhatToDo() {
        cloudflare.tokenStatus(TOKEN, "expired");

        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.DENIED);
        assertThat(check.detail()).isEqualTo("the API token is expired: make a new token with Zone · Cache Purge "
                + "and set cloudflare.apiToken").doesNotContain(TOKEN);
    }

    @Test
    void anAccountOwnedTokenIsVerifiedAtItsAccountFoundThroughTheZone() {
        cloudflare.accountOwnedToken(TOKEN);

        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.CREDENTIAL_ONLY);
        assertThat(check.detail()).startsWith("the API token (owned by account ").contains(") is active");
        assertThat(cloudflare.requestLines()).containsExactly("GET /client/v4/user/tokens/verify",
                "GET /client/v4/zones/" + cloudflare.clientConfig().get("cloudflare.zoneId"),
                "GET /client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/tokens/verify");
    }

    @Test
    void aTokenNoEndpointKnowsIsDenied() {
        try (PurgeClient client = io.cdnpurge.CdnPurge.client("cloudflare", io.cdnpurge.PurgeConfig.fromMap(
                new java.util.HashMap<>(cloudflare.clientConfig()) {
                    {
                        put("cloudflare.apiToken", "cf-token-unknown-000000000000000000");
                    }
                }).withEnvironment(java.util.Map.of()), cloudflare.options())) {
            AccessCheck check = client.checkAccess().get(0);

            assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.DENIED);
            assertThat(check.detail()).contains("Invalid API Token", "it is mistyped, revoked or deleted (set "
                    + "cloudflare.apiToken to a current one), or it is an account's token without Zone Read")
                    .doesNotContain("cf-token-unknown");
        }
    }
}
