package io.cdnpurge.cloudfront;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class CloudFrontKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new CloudFrontPurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/cloudfront.md"));
    }
}
