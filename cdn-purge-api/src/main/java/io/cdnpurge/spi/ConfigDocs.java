package io.cdnpurge.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The key tables of the documentation, made from schemas so that no key is documented wrong or missing: the README
 * and each provider's page hold these tables, and a test in each module checks them against the schema.
 *
 * <pre>{@code
 * String table = ConfigDocs.table("cloudflare", CloudflareConfig.SCHEMA.keys());
 * }</pre>
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /**
     * A Markdown table of keys: {@code | key | default | meaning |}, one row per key, in the order given.
     *
     * @param prefix what the keys are written under, e.g. {@code cloudflare} or {@code <p>}
     */
    public static String table(String prefix, List<? extends ConfigKey<?>> keys) {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (ConfigKey<?> key : keys) {
            table.append("| `").append(prefix).append('.').append(key.name()).append("` | ")
                    .append(defaultColumn(key)).append(" | ").append(meaning(key)).append(" |\n");
        }
        return table.toString();
    }

    /** The keys of a schema that are not among some others (a provider's own keys, without the shared ones). */
    public static List<ConfigKey<?>> without(List<? extends ConfigKey<?>> keys, List<? extends ConfigKey<?>> shared) {
        List<ConfigKey<?>> own = new ArrayList<>();
        for (ConfigKey<?> key : keys) {
            boolean isShared = false;
            for (ConfigKey<?> other : shared) {
                isShared |= other.name().equals(key.name());
            }
            if (!isShared) {
                own.add(key);
            }
        }
        return own;
    }

    private static String defaultColumn(ConfigKey<?> key) {
        String value = key.defaultText();
        boolean words = !value.equals("—") && key.defaultValue() == null;
        String shown = value.equals("—") || words || key.type() == ConfigKey.Type.INTEGER
                || key.type() == ConfigKey.Type.NUMBER || key.type() == ConfigKey.Type.DURATION ? value
                : "`" + value + "`";
        if (key.environmentVariable() == null) {
            return shown;
        }
        String variable = "env `" + key.environmentVariable() + "`";
        return value.equals("—") ? variable : variable + ", else " + shown;
    }

    private static String meaning(ConfigKey<?> key) {
        StringBuilder text = new StringBuilder(key.doc());
        switch (key.type()) {
            case INTEGER:
                text.append(key.max() == Integer.MAX_VALUE ? " (" + key.min() + " or more)"
                        : " (" + key.min() + "–" + key.max() + ")");
                break;
            case ENUM:
                text.append(" (");
                for (int i = 0; i < key.choices().size(); i++) {
                    text.append(i == 0 ? "" : i == key.choices().size() - 1 ? " or " : ", ")
                            .append('`').append(key.choices().get(i)).append('`');
                }
                text.append(')');
                break;
            case SECRET:
                text.append(" (secret: never logged)");
                break;
            default:
                break;
        }
        return text.toString();
    }
}
