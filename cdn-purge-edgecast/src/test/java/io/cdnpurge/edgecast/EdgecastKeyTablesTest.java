package io.cdnpurge.edgecast;

import io.cdnpurge.testing.KeyTables;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class EdgecastKeyTablesTest {
    @Test
    void theReadmeAndTheProviderPageListEveryKeyAsTheSchemaDeclaresIt() {
        KeyTables.assertDocumented(new EdgecastPurgeProvider(), Path.of("../README.md"),
                Path.of("../docs/providers/edgecast.md"));
    }
}
