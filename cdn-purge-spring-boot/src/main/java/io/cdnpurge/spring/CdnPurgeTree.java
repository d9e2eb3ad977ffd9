package io.cdnpurge.spring;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.files.PurgeFiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cdnpurge.*} properties as the tree of a configuration file: {@code defaults}, {@code clients},
 * {@code routes}, {@code tenants} and {@code buckets}, read by {@link PurgeFiles#load(Map, String, Map, ClientOptions)}
 * with every check of a file. {@code outbox} and {@code actuator} are {@link CdnPurgeProperties}.
 */
final class CdnPurgeTree {
    /** What every key of the tree is written under. */
    static final String PREFIX = "cdnpurge";

    private CdnPurgeTree() {
    }

    /**
     * The tree, placeholders resolved: a list arrives as a map of its indexes ({@code routes[0]}), which the loader
     * reads as the list; a name in another form ({@code api-token}) is matched to the schema's by the loader.
     */
    static Map<String, Object> of(Environment environment) {
        Map<String, Object> tree = new LinkedHashMap<>(Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, Object.class)).orElseGet(Map::of));
        tree.remove("outbox");
        tree.remove("actuator");
        return tree;
    }

    /** The router the properties describe. */
    static PurgeRouter router(Environment environment, ClientOptions options) {
        return PurgeFiles.load(of(environment), PREFIX, System.getenv(), options);
    }
}
