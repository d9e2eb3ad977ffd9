package io.cdnpurge.spring;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.ConfigKey;
import io.cdnpurge.spi.PurgeProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes {@code META-INF/additional-spring-configuration-metadata.json} from the schemas of the providers on the class
 * path, so that an IDE completes and documents every key: the engine keys every client has under
 * {@code cdnpurge.defaults.*}, each provider's keys under {@code cdnpurge.clients.<provider id>.*} (a client named by
 * its provider's id; a client of another name takes the same keys), the sections as maps and lists, and the choices
 * of each enumerated key as hints. Names are in Spring's canonical kebab case. The format:
 * <a href="https://docs.spring.io/spring-boot/specification/configuration-metadata/format.html">Spring Boot:
 * configuration metadata format</a>.
 */
final class ConfigurationMetadata {
    private static final String MAP_OF_MAPS = "java.util.Map<java.lang.String,java.util.Map<java.lang.String,"
            + "java.lang.Object>>";

    /** The published providers, whose keys are described (not a test's in-memory provider). */
    static final List<String> PROVIDERS = List.of("akamai", "cloudflare", "cloudfront", "edgecast", "fastly",
            "highwinds");

    private ConfigurationMetadata() {
    }

    /** The metadata file's text. */
    static String json() {
        List<Object> groups = new ArrayList<>();
        List<Object> properties = new ArrayList<>();
        List<Object> hints = new ArrayList<>();
        groups.add(entry("name", "cdnpurge.defaults", "description", "Engine and transport keys every client has, "
                + "unless it sets them."));
        properties.add(entry("name", "cdnpurge.clients", "type", MAP_OF_MAPS, "description", "The clients, by name: "
                + "each has a provider (cloudflare, akamai, fastly, cloudfront, edgecast or highwinds; a client named "
                + "by a provider's id may leave it out) and that provider's keys, listed under "
                + "cdnpurge.clients.<provider id>."));
        properties.add(entry("name", "cdnpurge.routes", "type", "java.util.List<java.util.Map<java.lang.String,"
                + "java.lang.Object>>", "description", "The routes: host (an exact host or *.example.com), path "
                + "(a prefix, optional), tenant (optional) and clients (the names of the clients that purge its "
                + "targets). A URL goes to the most specific route that covers it."));
        properties.add(entry("name", "cdnpurge.tenants", "type", MAP_OF_MAPS, "description", "Tenants, by name: "
                + "clients and routes of their own, which serve only the purges of that tenant."));
        properties.add(entry("name", "cdnpurge.buckets", "type", "java.util.Map<java.lang.String,java.util.List<"
                + "java.util.Map<java.lang.String,java.lang.Object>>>", "description", "Storage buckets, by name: the "
                + "hosts serving their objects (host, path, schemes, clients, action: purge or prefetch), for "
                + "purgeObjects(bucket, keys)."));

        properties.add(entry("name", "management.health.cdnpurge.enabled", "type", "java.lang.Boolean",
                "description", "Whether to enable the cdnPurge health indicator: one per client, from what the client "
                + "knows, with no request to the vendor.", "defaultValue", true));

        List<PurgeProvider> providers = new ArrayList<>();
        PROVIDERS.forEach(id -> providers.add(CdnPurge.provider(id)));
        List<String> shared = null;
        for (PurgeProvider provider : providers) {
            List<String> names = new ArrayList<>();
            ClientSettings.schema(provider).keys().forEach(key -> names.add(key.name()));
            if (shared == null) {
                shared = names;
            } else {
                shared.retainAll(names);
            }
        }
        for (ConfigKey<?> key : ClientSettings.schema(providers.get(0)).keys()) {
            if (shared.contains(key.name()) && !key.name().equals(ClientSettings.PROVIDER_KEY)) {
                add("cdnpurge.defaults.", key, null, properties, hints);
            }
        }
        List<Object> clientNames = new ArrayList<>();
        for (PurgeProvider provider : providers) {
            String prefix = "cdnpurge.clients." + provider.id() + ".";
            groups.add(entry("name", prefix.substring(0, prefix.length() - 1), "description", "The client named "
                    + provider.id() + ", of that provider; a client of another name with provider: " + provider.id()
                    + " takes the same keys."));
            clientNames.add(entry("value", provider.id(), "description", "A client of the provider " + provider.id()
                    + " (provider may be left out); it also reads the vendor's environment variables."));
            for (ConfigKey<?> key : ClientSettings.schema(provider).keys()) {
                add(prefix, key, provider.id(), properties, hints);
            }
        }
        hints.add(0, entry("name", "cdnpurge.clients.keys", "values", clientNames));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("groups", groups);
        root.put("properties", properties);
        root.put("hints", hints);
        StringBuilder out = new StringBuilder();
        write(root, "", out);
        return out.append('\n').toString();
    }

    private static void add(String prefix, ConfigKey<?> key, String providerId, List<Object> properties,
                            List<Object> hints) {
        String name = prefix + kebab(key.name());
        Map<String, Object> property = entry("name", name, "type", type(key), "description",
                description(key, providerId));
        Object defaultValue = defaultValue(key);
        if (defaultValue != null) {
            property.put("defaultValue", defaultValue);
        }
        properties.add(property);
        if (!key.choices().isEmpty()) {
            List<Object> values = new ArrayList<>();
            key.choices().forEach(choice -> values.add(entry("value", choice)));
            hints.add(entry("name", name, "values", values));
        }
    }

    /** {@code rateLimit.maxWait} as {@code rate-limit.max-wait}. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String type(ConfigKey<?> key) {
        switch (key.type()) {
            case INTEGER:
                return "java.lang.Integer";
            case NUMBER:
                return "java.lang.Double";
            case DURATION:
                return "java.time.Duration";
            case BOOLEAN:
                return "java.lang.Boolean";
            case LIST:
                return "java.util.List<java.lang.String>";
            case HOST_MAP:
                return "java.util.Map<java.lang.String,java.lang.String>";
            default:
                return "java.lang.String";
        }
    }

    private static String description(ConfigKey<?> key, String providerId) {
        String doc = key.doc().replace("`", "");
        StringBuilder text = new StringBuilder(doc.substring(0, 1).toUpperCase(Locale.ROOT) + doc.substring(1));
        if (key.type() == ConfigKey.Type.INTEGER) {
            text.append(key.max() == Integer.MAX_VALUE ? " (" + key.min() + " or more)"
                    : " (" + key.min() + " to " + key.max() + ")");
        }
        if (key.type() == ConfigKey.Type.HOST_MAP) {
            text.append(" (a map of host to value; write a host with dots as \"[www.example.com]\")");
        }
        text.append('.');
        if (key.defaultValue() == null && !key.defaultText().equals("—")) {
            text.append(" Default: ").append(key.defaultText().replace("`", "")).append('.');
        }
        if (key.environmentVariable() != null && providerId != null) {
            text.append(" When unset, read from the ").append(key.environmentVariable()).append(" variable (a "
                    + "client named ").append(providerId).append(" only).");
        }
        if (key.isSecret()) {
            text.append(" A secret: never logged or shown; keep it out of the file with a ${VARIABLE} placeholder.");
        }
        return text.toString();
    }

    private static Object defaultValue(ConfigKey<?> key) {
        Object value = key.defaultValue();
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Duration || value instanceof String || value instanceof Enum) {
            return key.defaultText();
        }
        return null;
    }

    private static Map<String, Object> entry(Object... pairs) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            entry.put((String) pairs[i], pairs[i + 1]);
        }
        return entry;
    }

    /** JSON with two spaces of indentation. */
    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append(indent).append("  ");
                string(entry.getKey().toString(), out);
                out.append(": ");
                write(entry.getValue(), indent + "  ", out);
                out.append(++i < ((Map<?, ?>) value).size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List) {
            out.append("[\n");
            int i = 0;
            for (Object item : (List<?>) value) {
                out.append(indent).append("  ");
                write(item, indent + "  ", out);
                out.append(++i < ((List<?>) value).size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
