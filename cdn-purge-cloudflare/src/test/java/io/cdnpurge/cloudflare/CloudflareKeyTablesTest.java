package io.cdnpurge.cloudflare;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class CloudflareKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new CloudflarePurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/cloudflare.md"));
    }
}
