package io.cdnpurge.highwinds;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class HighwindsKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new HighwindsPurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/highwinds.md"));
    }
}
