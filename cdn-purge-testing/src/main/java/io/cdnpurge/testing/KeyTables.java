package io.cdnpurge.testing;

import io.cdnpurge.spi.ConfigDocs;
import io.cdnpurge.spi.EndpointRules;
import io.cdnpurge.spi.PurgeProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that documentation holds a provider's key table exactly as its schema makes it ({@link ConfigDocs}), so a
 * key can never be documented wrong or missing. For a provider's own tests:
 *
 * <pre>{@code
 * @Test
 * void theDocumentationListsEveryKeyAsDeclared() {
 *     KeyTables.assertDocumented(new AcmePurgeProvider(), Path.of("../README.md"), Path.of("../docs/acme.md"));
 * }
 * }</pre>
 */
public final class KeyTables {
    private KeyTables() {
    }

    /** The Markdown table of a provider's own keys (without the transport keys every provider shares). */
    public static String table(PurgeProvider provider) {
        return ConfigDocs.table(provider.id(), ConfigDocs.without(provider.schema().keys(),
                EndpointRules.schema("").keys()));
    }

    /**
     * @throws AssertionError naming the file and showing the table it should hold, when a file does not hold it
     */
    public static void assertDocumented(PurgeProvider provider, Path... files) {
        String table = table(provider);
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (!text.contains(table)) {
                throw new AssertionError(file + " does not hold the key table of " + provider.id() + " as its schema "
                        + "makes it; replace its table with:\n" + table);
            }
        }
    }
}
