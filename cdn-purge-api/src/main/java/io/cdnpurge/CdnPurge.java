package io.cdnpurge;

import io.cdnpurge.internal.ProviderRegistry;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The entry point: finds providers with {@link java.util.ServiceLoader} and creates clients by name.
 *
 * <pre>{@code
 * try (PurgeClient cdn = CdnPurge.client("cloudflare", PurgeConfig.fromEnvironment())) {
 *     cdn.purge(PurgeRequest.builder().tag("article-42").build());
 * }
 * }</pre>
 *
 * <p>A client's name is the prefix of its keys. It is a provider's id ({@code cloudflare.apiToken=…}), or a name of
 * your own whose provider the configuration sets, so that one configuration can hold two accounts of one vendor:
 *
 * <pre>{@code
 * # cdn-purge.properties
 * shop.provider=cloudflare
 * shop.apiToken=…
 * shop.zoneId=023e105f4ecef8ad9ca31a8372d0c353
 * blog.provider=cloudflare
 * blog.apiToken=…
 * blog.zoneId=9a7806061c88ada191ed06f989cc3dac
 * }</pre>
 *
 * <p>{@code CdnPurge.client("shop", config)} and {@code CdnPurge.client("blog", config)} then purge with their own
 * token, zone and rate limits; {@link #clients(PurgeConfig)} creates every client of a configuration at once. Only a
 * client named by its provider's id reads the vendor's environment variables ({@code CLOUDFLARE_API_TOKEN}).
 *
 * <p>Discovery is loud and deterministic: an unknown id fails listing the known ids, two providers with one id
 * fail naming both classes, and a provider that fails to load is named in the error and logged. Every problem
 * with a configuration is reported at once, each with its full key, before anything is sent.
 */
public final class CdnPurge {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private CdnPurge() {
    }

    /** The ids of the providers on the class path or module path, sorted. */
    public static Set<String> providers() {
        return ProviderRegistry.load().ids();
    }

    /** The provider with this id. */
    public static PurgeProvider provider(String id) {
        Objects.requireNonNull(id, "id cannot be null");
        return ProviderRegistry.load().provider(id);
    }

    /** The client with this name, with default options (system clock, SLF4J logging). */
    public static PurgeClient client(String name, PurgeConfig config) {
        return client(name, config, ClientOptions.defaults());
    }

    /**
     * The client with this name: of the provider {@code <name>.provider} names, else of the provider whose id the
     * name is.
     *
     * @throws InvalidConfigurationException listing every problem with the client's keys, each with its full key
     * @throws UnknownProviderException      when no provider on the class path has that id
     */
    public static PurgeClient client(String name, PurgeConfig config, ClientOptions options) {
        checkName(name);
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        ProviderRegistry registry = ProviderRegistry.load();
        PurgeProvider provider = provider(registry, name, config);
        return provider.create(ClientSettings.read(name, provider, config), options);
    }

    /**
     * The client a configuration file describes (YAML or JSON: named clients, routes, tenants, defaults), with default
     * options and the process environment for {@code ${VAR}}. Needs the module {@code cdn-purge-files}.
     *
     * @throws InvalidConfigurationException listing every problem of the file with its line and key
     */
    public static PurgeRouter fromFile(java.nio.file.Path file) {
        return fromFile(file, System.getenv(), ClientOptions.defaults());
    }

    /** Like {@link #fromFile(java.nio.file.Path)} with these variables and options. */
    public static PurgeRouter fromFile(java.nio.file.Path file, Map<String, String> environment,
                                       ClientOptions options) {
        Objects.requireNonNull(file, "file cannot be null");
        Objects.requireNonNull(environment, "environment cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        java.util.ServiceLoader<io.cdnpurge.spi.PurgeFileReader> readers = context != null
                ? java.util.ServiceLoader.load(io.cdnpurge.spi.PurgeFileReader.class, context)
                : java.util.ServiceLoader.load(io.cdnpurge.spi.PurgeFileReader.class);
        for (io.cdnpurge.spi.PurgeFileReader reader : readers) {
            if (reader.reads(file)) {
                return reader.read(file, environment, options);
            }
        }
        throw new InvalidConfigurationException("no reader of " + file + " is on the class path: add the module "
                + "cdn-purge-files, which reads .yml, .yaml and .json files");
    }

    /** A builder of a client over several CDNs: named clients and the routes that send targets to them. */
    public static PurgeRouter.Builder router() {
        return PurgeRouter.builder();
    }

    /** Every client of a configuration, with default options. */
    public static PurgeClients clients(PurgeConfig config) {
        return clients(config, ClientOptions.defaults());
    }

    /**
     * Every client of a configuration: each name with a {@code <name>.provider} key, and each provider id with keys
     * of its own. Every problem with any of them is reported at once, before any client is created; a key whose
     * prefix is neither is a problem too.
     *
     * @throws InvalidConfigurationException listing every problem, each with its full key
     */
    public static PurgeClients clients(PurgeConfig config, ClientOptions options) {
        Objects.requireNonNull(config, "config cannot be null");
        Objects.requireNonNull(options, "options cannot be null");
        ProviderRegistry registry = ProviderRegistry.load();
        List<String> problems = new ArrayList<>();
        Map<String, PurgeProvider> providers = new LinkedHashMap<>();
        Set<String> prefixes = new TreeSet<>();
        for (String key : config.keys()) {
            int dot = key.indexOf('.');
            if (dot <= 0) {
                problems.add("the key '" + key + "' names no client: keys are <client>.<key>, such as "
                        + "cloudflare.apiToken or shop.provider");
                continue;
            }
            prefixes.add(key.substring(0, dot));
        }
        for (String name : prefixes) {
            boolean named = config.string(name + "." + ClientSettings.PROVIDER_KEY).isPresent();
            if (!named && !registry.ids().contains(name)) {
                problems.add("the keys under " + name + ". belong to no client: set " + name + ".provider to one of "
                        + String.join(", ", registry.ids()) + ", or correct the prefix"
                        + suggestion(name, registry.ids()));
                continue;
            }
            try {
                providers.put(name, provider(registry, name, config));
            } catch (UnknownProviderException | InvalidConfigurationException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, ClientSettings> settings = new LinkedHashMap<>();
        for (Map.Entry<String, PurgeProvider> client : providers.entrySet()) {
            settings.put(client.getKey(), ClientSettings.read(client.getKey(), client.getValue(), config, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        Map<String, PurgeClient> created = new LinkedHashMap<>();
        for (Map.Entry<String, ClientSettings> client : settings.entrySet()) {
            try {
                created.put(client.getKey(), providers.get(client.getKey()).create(client.getValue(), options));
            } catch (InvalidConfigurationException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException e) {
                PurgeClients.closeAll(created.values(), e);
                throw e;
            }
        }
        if (!problems.isEmpty()) {
            InvalidConfigurationException failure = new InvalidConfigurationException(problems);
            PurgeClients.closeAll(created.values(), failure);
            throw failure;
        }
        return new PurgeClients(created);
    }

    private static PurgeProvider provider(ProviderRegistry registry, String name, PurgeConfig config) {
        String providerKey = name + "." + ClientSettings.PROVIDER_KEY;
        String id = config.string(providerKey).orElse(null);
        if (id == null) {
            return registry.provider(name);
        }
        try {
            return registry.provider(id);
        } catch (UnknownProviderException e) {
            throw new UnknownProviderException(providerKey + " is '" + id + "', which no provider on the class path "
                    + "is" + suggestion(id, e.knownIds()) + ": known providers are " + String.join(", ",
                    new TreeSet<>(e.knownIds())) + " (add the module cdn-purge-<provider> to use another)",
                    e.knownIds());
        }
    }

    private static String suggestion(String text, Set<String> ids) {
        for (String id : ids) {
            if (closeTo(text.toLowerCase(Locale.ROOT), id)) {
                return " (did you mean " + id + "?)";
            }
        }
        return "";
    }

    /** Whether two words differ by one edit or by two swapped letters. */
    private static boolean closeTo(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1)) || i + 1 < a.length()
                    && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i))
                : a.substring(i).equals(b.substring(i + 1));
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("client name '" + name + "' is not a name: use letters, digits, '-' "
                    + "and '_', starting with a letter (it is the prefix of the client's keys)");
        }
    }
}
