package io.cdnpurge.akamai;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class AkamaiKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new AkamaiPurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/akamai.md"));
    }
}
