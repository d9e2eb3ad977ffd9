package io.cdnpurge.highwinds;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.fakes.highwinds.FakeHighwindsApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/users/me}: the credential, the account and the content role. */
class HighwindsAccessCheckTest {
    private final FakeHighwindsApi highwinds = FakeHighwindsApi.start();

    @AfterEach
    void stop() {
        highwinds.close();
    }

    private AccessCheck check() {
        try (PurgeClient client = highwinds.client()) {
            return client.checkAccess().get(0);
        }
    }

    @Test
    void theUserAndItsContentRoleAreShownAndAnythingButEditFlagged() {
        AccessCheck edit = check();
        assertThat(edit.verdict()).isEqualTo(AccessCheck.Verdict.CREDENTIAL_ONLY);
        assertThat(edit.detail()).startsWith("the credential works: user purger of account ")
                .endsWith("content role EDIT");

        highwinds.contentRole("VIEW");
        AccessCheck view = check();
        assertThat(view.detail()).endsWith("content role VIEW; purging is a content feature and likely needs EDIT: "
                + "ask the account's administrator");
        assertThat(highwinds.purgeRequestCount()).isZero();
    }
}
