package io.cdnpurge.testing;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.ConfigSchema;
import io.cdnpurge.spi.PurgeProvider;

import java.util.List;

/**
 * The {@code memory} provider: {@code CdnPurge.client("memory", config)} returns a {@link RecordingPurgeClient}
 * (cast it to read what was purged). With {@link ClientOptions#defaults()} it uses the system clock; for virtual
 * time use {@link RecordingPurgeClient#create()}.
 */
public final class MemoryPurgeProvider implements PurgeProvider {
    static final ConfigKey<Integer> MAX_ITEMS = ConfigKey.integer("maxItems", 1_000, 1, Integer.MAX_VALUE)
            .doc("targets per call");
    static final ConfigKey<List<String>> KINDS = ConfigKey.list("kinds")
            .matching("(?i)url|prefix|tag|host|cp[_ ]code|everything",
                    "a target kind: url, prefix, tag, host, cp_code or everything")
            .defaultText("all").doc("the target kinds it purges");
    static final ConfigKey<Boolean> PREFETCH = ConfigKey.bool("prefetch", true)
            .doc("whether it loads objects into the cache (PurgeAction.PREFETCH)");

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public PurgeCapabilities capabilities() {
        PurgeCapabilities.Builder builder = PurgeCapabilities.builder()
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .actions(PurgeAction.PURGE, PurgeAction.PREFETCH);
        for (PurgeTarget.Kind kind : PurgeTarget.Kind.values()) {
            builder.kind(kind, BatchLimit.items(1_000));
        }
        return builder.build();
    }

    @Override
    public ConfigSchema schema() {
        return ConfigSchema.builder().key(MAX_ITEMS).key(KINDS).key(PREFETCH).build();
    }

    @Override
    public PurgeClient create(ClientSettings settings, ClientOptions options) {
        return RecordingPurgeClient.create(settings, options, null);
    }
}
