package io.cdnpurge.cli;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.PurgeProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cdn-purge providers}: the CDNs this build can purge, what each takes, and its configuration keys. */
@Command(name = "providers", description = "List the CDN providers, what each can purge, and their keys.")
final class ProvidersCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        for (String id : CdnPurge.providers()) {
            PurgeProvider provider = CdnPurge.provider(id);
            PurgeCapabilities capabilities = provider.capabilities();
            List<String> kinds = new ArrayList<>();
            for (PurgeTarget.Kind kind : PurgeTarget.Kind.values()) {
                if (capabilities.supports(kind)) {
                    kinds.add(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            List<String> keys = new ArrayList<>();
            for (ConfigKey<?> key : provider.schema().keys()) {
                keys.add(key.name() + (key.isSecret() ? " (secret)" : ""));
            }
            main.terminal.out.println(id + ": purges " + String.join(", ", kinds)
                    + (capabilities.actions().contains(PurgeAction.PREFETCH) ? "; loads URLs" : "")
                    + (capabilities.statusApi() ? "; has a status API" : "; completion estimated"));
            main.terminal.out.println("  keys: " + String.join(", ", keys));
        }
        return ExitCode.OK;
    }
}
