/** Reads a YAML or JSON file of named clients, routes, tenants and buckets into a {@link io.cdnpurge.PurgeRouter}. */
module io.cdnpurge.files {
    requires transitive io.cdnpurge;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports io.cdnpurge.files;

    provides io.cdnpurge.spi.PurgeFileReader with io.cdnpurge.files.YamlFileReader;
}
