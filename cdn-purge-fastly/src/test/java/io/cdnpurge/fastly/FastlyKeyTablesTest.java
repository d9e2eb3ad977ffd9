package io.cdnpurge.fastly;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class FastlyKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new FastlyPurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/fastly.md"));
    }
}
