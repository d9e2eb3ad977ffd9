package io.cdnpurge.testing;

import io.cdnpurge.BatchLimit;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeAction;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.PurgeProvider;

/**
 * The {@code memory} provider: {@code CdnPurge.client("memory", config)} returns a {@link RecordingPurgeClient}
 * (cast it to read what was purged). With {@link ClientOptions#defaults()} it uses the system clock; for virtual
 * time use {@link RecordingPurgeClient#create()}.
 */
public final class MemoryPurgeProvider implements PurgeProvider {
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
    public PurgeClient create(PurgeConfig config, ClientOptions options) {
        return RecordingPurgeClient.create(config, options);
    }
}
