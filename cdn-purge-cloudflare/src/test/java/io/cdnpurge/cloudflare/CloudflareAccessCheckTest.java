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
}
