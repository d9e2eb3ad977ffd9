package io.cdnpurge.cli;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.files.PurgeFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The client a command's options name, and what to close after: a file's router, or one client. */
final class Connection implements AutoCloseable {
    final PurgeClient client;
    private final PurgeClient owner;

    private Connection(PurgeClient client, PurgeClient owner) {
        this.client = client;
        this.owner = owner;
    }

    static Connection open(CommonOptions options, Terminal terminal, ClientOptions clientOptions) {
        if (options.config == null) {
            if (options.client == null) {
                throw new Targets.BadInput("name the CDN: --config <file> (YAML, JSON or .properties), or --client "
                        + "<provider> with its keys in the environment, e.g. --client cloudflare with "
                        + "CDN_PURGE_CLOUDFLARE_API_TOKEN and CDN_PURGE_CLOUDFLARE_ZONE_ID");
            }
            PurgeClient client = CdnPurge.client(options.client, PurgeConfig.fromEnvironment(terminal.environment),
                    clientOptions);
            return new Connection(client, client);
        }
        Path file = Path.of(options.config);
        if (!Files.isReadable(file)) {
            throw new Targets.BadInput("cannot read the configuration file " + options.config);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".properties")) {
            if (options.client == null) {
                throw new Targets.BadInput(options.config + " is a properties file: name its client with --client "
                        + "(the prefix of its keys, e.g. cloudflare for cloudflare.apiToken)");
            }
            PurgeClient client = CdnPurge.client(options.client, PurgeConfig.fromFile(file)
                    .withEnvironment(terminal.environment), clientOptions);
            return new Connection(client, client);
        }
        PurgeRouter router = PurgeFiles.load(file, terminal.environment, clientOptions);
        if (options.client == null) {
            return new Connection(router, router);
        }
        PurgeClient chosen = router.clients().get(options.client);
        if (chosen == null) {
            router.close();
            throw new Targets.BadInput(options.config + " has no client " + options.client + ": its clients are "
                    + String.join(", ", router.clients().keySet()));
        }
        return new Connection(chosen, router);
    }

    @Override
    public void close() {
        owner.close();
    }
}
