package io.cdnpurge.cli;

import picocli.CommandLine.Option;

/** The options every command that reaches a CDN takes. */
final class CommonOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration: a YAML or JSON file of clients and routes (also the S3 tool's "
                    + "multicdn.config.yml), or a .properties file. Without it, keys come from the environment "
                    + "(CDN_PURGE_<CLIENT>_<KEY>) and --client names the provider.")
    String config;

    @Option(names = "--client", paramLabel = "NAME",
            description = "The client to use: one of the file's, or a provider id (cloudflare, akamai, fastly, "
                    + "cloudfront, edgecast, highwinds). Without it, a file's clients are all used, by its routes.")
    String client;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON document: status, an outcome per target, figures.")
    boolean json;

    @Option(names = "--debug", description = "Log every vendor request, and print stack traces with errors.")
    boolean debug;
}
