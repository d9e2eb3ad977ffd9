package io.cdnpurge.spring;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.files.PurgeFiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        Binder binder = Binder.get(environment);
        Map<String, Object> tree = new LinkedHashMap<>(binder.bind(PREFIX, MAP).orElseGet(Map::of));
        tree.remove("outbox");
        tree.remove("actuator");
        // a map merges every property source key by key; a list is the highest source's alone, as Spring binds
        // lists (a profile's one route replaces the base file's routes, it does not patch their first one)
        bindList(binder, PREFIX + ".routes", tree, "routes");
        bindEach(binder, tree, "tenants", ".routes", "routes");
        bindEach(binder, tree, "buckets", "", null);
        List<String> problems = new ArrayList<>();
        hiddenByDots(environment, problems);
        relaxedTwins(tree.get("clients"), PREFIX + ".clients", problems);
        if (tree.get("tenants") instanceof Map) {
            ((Map<?, ?>) tree.get("tenants")).forEach((tenant, value) -> {
                if (value instanceof Map) {
                    relaxedTwins(((Map<?, ?>) value).get("clients"), PREFIX + ".tenants." + tenant + ".clients",
                            problems);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return tree;
    }

    private static final Bindable<Map<String, Object>> MAP = Bindable.mapOf(String.class, Object.class);
    private static final Bindable<List<Map<String, Object>>> LIST = Bindable.of(ResolvableType
            .forClassWithGenerics(List.class, ResolvableType.forClassWithGenerics(Map.class, String.class,
                    Object.class)));

    private static void bindList(Binder binder, String name, Map<String, Object> into, String key) {
        binder.bind(name, LIST).ifBound(list -> into.put(key, new ArrayList<Object>(list)));
    }

    /** Rebinds the list under each entry of a section ({@code tenants.<t>.routes}, {@code buckets.<b>}). */
    @SuppressWarnings("unchecked")
    private static void bindEach(Binder binder, Map<String, Object> tree, String section, String suffix,
                                 String key) {
        if (!(tree.get(section) instanceof Map)) {
            return;
        }
        Map<String, Object> entries = new LinkedHashMap<>((Map<String, Object>) tree.get(section));
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            String name = PREFIX + "." + section + "." + entry.getKey() + suffix;
            if (key == null) {
                binder.bind(name, LIST).ifBound(list -> entry.setValue(new ArrayList<Object>(list)));
            } else if (entry.getValue() instanceof Map) {
                Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) entry.getValue());
                bindList(binder, name, value, key);
                entry.setValue(value);
            }
        }
        tree.put(section, entries);
    }

    /**
     * A value whose key is also the start of another's ({@code services.example.com} and
     * {@code services.example.com.au}): Spring reads the dots of a map key as nesting, so one of the two would be
     * lost without a word and its purges go elsewhere. Refused, naming both, with the bracket form that keeps a host
     * name whole.
     */
    private static void hiddenByDots(Environment environment, List<String> problems) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX);
        java.util.Set<ConfigurationPropertyName> names = new java.util.LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource) {
                for (ConfigurationPropertyName name : (IterableConfigurationPropertySource) source) {
                    if (root.isAncestorOf(name)) {
                        names.add(name);
                    }
                }
            }
        }
        for (ConfigurationPropertyName name : names) {
            for (int size = 2; size < name.getNumberOfElements(); size++) {
                ConfigurationPropertyName parent = name.chop(size);
                // a list given whole in one place and by index in another is an override, not a clash
                if (names.contains(parent) && !name.isNumericIndex(size)) {
                    problems.add(name + " is hidden: " + parent + " has a value too, and Spring reads the dots of "
                            + "a key as nesting; write a host name with dots in brackets to keep it whole, e.g. "
                            + "\"[" + name.toString().substring(parent.toString().lastIndexOf('.') + 1) + "]\"");
                    break;
                }
            }
        }
    }

    /**
     * Two client names that Spring's relaxed binding takes for one ({@code edge-cf} from a file, {@code edgecf} from
     * an environment variable {@code CDNPURGE_CLIENTS_EDGECF_…}) would make two clients: refused, naming both.
     */
    private static void relaxedTwins(Object clients, String where, List<String> problems) {
        if (!(clients instanceof Map)) {
            return;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Object name : ((Map<?, ?>) clients).keySet()) {
            String relaxed = name.toString().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            String twin = seen.putIfAbsent(relaxed, name.toString());
            if (twin != null) {
                problems.add(where + "." + twin + " and " + where + "." + name + " are one name to Spring's relaxed "
                        + "binding (an environment variable such as CDNPURGE_CLIENTS_" + relaxed.toUpperCase(Locale.ROOT)
                        + "_APITOKEN makes the second): give a client's secrets through ${VAR} placeholders in its "
                        + "properties instead");
            }
        }
    }

    /**
     * The variables the providers read ({@code CLOUDFLARE_API_TOKEN} for a client named {@code cloudflare}): the
     * process environment, with each variable a provider's schema names taken from Spring's {@code Environment}
     * when it has one, so that a value from any property source (a secrets manager, a test's properties) is seen.
     */
    static Map<String, String> variables(Environment environment) {
        Map<String, String> variables = new LinkedHashMap<>(System.getenv());
        for (String id : io.cdnpurge.CdnPurge.providers()) {
            for (io.cdnpurge.spi.ConfigKey<?> key : io.cdnpurge.spi.ClientSettings.schema(io.cdnpurge.CdnPurge
                    .provider(id)).keys()) {
                String name = key.environmentVariable();
                String value = name == null ? null : environment.getProperty(name);
                if (value != null) {
                    variables.put(name, value);
                }
            }
        }
        return variables;
    }

    /** The router the properties describe. */
    static PurgeRouter router(Environment environment, ClientOptions options) {
        return PurgeFiles.load(of(environment), PREFIX, variables(environment), options);
    }
}
