package io.cdnpurge.spi;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeRouter;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a configuration file into a {@link PurgeRouter}, found by {@link java.util.ServiceLoader} for
 * {@link io.cdnpurge.CdnPurge#fromFile}: the module {@code cdn-purge-files} reads YAML and JSON.
 */
public interface PurgeFileReader {
    /** Whether this reader reads the file, by its name (e.g. {@code .yml}, {@code .yaml}, {@code .json}). */
    boolean reads(Path file);

    /**
     * @param environment the variables {@code ${VAR}} and {@code ${VAR:-default}} are read from
     * @throws io.cdnpurge.InvalidConfigurationException listing every problem with its file, line and key
     */
    PurgeRouter read(Path file, Map<String, String> environment, ClientOptions options);
}
