package io.cdnpurge.fastly;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.fakes.fastly.FakeFastlyApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /tokens/self} (and {@code /current_user} for a global token) read into a verdict. */
class FastlyAccessCheckTest {
    private static final String SERVICE = "SU1Z0isxPaozGVKXdv0eY";
    private final FakeFastlyApi fastly = FakeFastlyApi.start().service(SERVICE, "www.example.com");

    @AfterEach
    void stop() {
        fastly.close();
    }

    private AccessCheck check() {
        try (PurgeClient client = fastly.client()) {
            List<AccessCheck> checks = client.checkAccess();
            assertThat(checks).hasSize(1);
            assertThat(fastly.purgeRequestCount()).isZero();
            return checks.get(0);
        }
    }

    @Test
    void aPurgeTokenOfTheServiceMayPurge() {
        fastly.apiToken("purge-token-000000000000000000000", "purge_select");

        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.CONFIRMED);
        assertThat(check.detail()).isEqualTo("scopes [purge_select]: may purge URLs and keys (not everything: that "
                + "needs purge_all) on every service");
        assertThat(fastly.requestLines()).containsExactly("GET /tokens/self");
    }

    @Test
    void aPurgeAllTokenCannotPurgeUrlsOrKeys() {
        fastly.apiToken("purge-all-token-00000000000000000", "purge_all");

        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.CREDENTIAL_ONLY);
        assertThat(check.detail()).isEqualTo("scopes [purge_all]: may purge everything on every service, but not "
                + "URLs or keys: those need purge_select");
    }

    @Test
    void aTokenOfAnotherServiceIsDeniedNamingBoth() {
        fastly.apiToken("purge-token-000000000000000000000", "purge_select", "purge_all")
                .tokenServices("purge-token-000000000000000000000", "OtherServiceId000000");

        AccessCheck check = check();

        assertThat(check.verdict()).isEqualTo(AccessCheck.Verdict.DENIED);
        assertThat(check.detail()).isEqualTo("the token may act only on services [OtherServiceId000000], not "
                + SERVICE + " (fastly.serviceId/services): make a token for that service");
    }

    @Test
    void aGlobalTokenPurgesEverywhereWithAnEngineersRoleAndOnlyWhereAllowedWithAUsers() {
        fastly.apiToken("global-token-00000000000000000000");
        assertThat(check().verdict()).isEqualTo(AccessCheck.Verdict.CONFIRMED);

        fastly.userRole("user");
        AccessCheck user = check();
        assertThat(user.verdict()).isEqualTo(AccessCheck.Verdict.CREDENTIAL_ONLY);
        assertThat(user.detail()).contains("global token of a 'user': Fastly lets that role purge only services "
                + "where it is allowed");
        assertThat(fastly.requestLines()).contains("GET /tokens/self", "GET /current_user");
    }
}
