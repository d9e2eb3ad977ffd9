package io.cdnpurge.spi;

import io.cdnpurge.internal.MapPurgeConfig;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key of a provider, declared once: its name under the client's prefix, its type, its default, the
 * environment variable it falls back to, and one line of documentation. A {@link ConfigSchema} holds a provider's
 * keys; {@link ClientSettings} holds one client's values of them, read and checked in one pass.
 *
 * <pre>{@code
 * static final ConfigKey<String> API_TOKEN = ConfigKey.secret("apiToken")
 *         .environment("ACME_API_TOKEN").doc("API token with the purge permission");
 * static final ConfigKey<Integer> URLS_PER_CALL = ConfigKey.integer("urlsPerCall", 30, 1, 100)
 *         .doc("URLs per purge request");
 * }</pre>
 *
 * <p>A {@linkplain #isSecret() secret} key's value never appears in a message, a {@code toString()} or an event: the
 * engine redacts it wherever it could appear. Keys are immutable; each method that refines one returns a new key.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {
    /** The types a key can have; each has one written form. */
    public enum Type {
        /** Text, trimmed. */
        STRING,
        /** A credential: text of printable ASCII, redacted everywhere. */
        SECRET,
        /** A whole number within a range. */
        INTEGER,
        /** A decimal number within a range. */
        NUMBER,
        /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
        DURATION,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of a fixed set of names. */
        ENUM,
        /** Comma-separated values. */
        LIST,
        /** {@code host=value,…}: host names (lower case) to a value each. */
        HOST_MAP,
        /** A file path; a leading {@code ~/} is the user's home folder. */
        PATH
    }

    /** What a duration key accepts. */
    private enum Sign { ANY, POSITIVE, NOT_NEGATIVE }

    private static final Pattern HOST = Pattern.compile(
            "[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

    private final String name;
    private final Type type;
    private final T defaultValue;
    private final String defaultText;
    private final String environment;
    private final String doc;
    private final Pattern pattern;
    private final String patternHint;
    private final long min;
    private final long max;
    private final double minNumber;
    private final Sign sign;
    private final String hint;
    private final List<String> choices;
    private final Class<?> enumType;
    private final boolean wildcardHosts;

    private ConfigKey(String name, Type type, T defaultValue, String defaultText, String environment, String doc,
                      Pattern pattern, String patternHint, long min, long max, double minNumber, Sign sign,
                      String hint, List<String> choices, Class<?> enumType, boolean wildcardHosts) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.environment = environment;
        this.doc = doc;
        this.pattern = pattern;
        this.patternHint = patternHint;
        this.min = min;
        this.max = max;
        this.minNumber = minNumber;
        this.sign = sign;
        this.hint = hint;
        this.choices = choices;
        this.enumType = enumType;
        this.wildcardHosts = wildcardHosts;
    }

    private static <T> ConfigKey<T> of(String name, Type type, T defaultValue) {
        checkName(name);
        return new ConfigKey<>(name, type, defaultValue, null, null, "", null, null, Long.MIN_VALUE, Long.MAX_VALUE,
                Double.NEGATIVE_INFINITY, Sign.ANY, null, List.of(), null, false);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (!name.matches("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*")) {
            throw new IllegalArgumentException("key name '" + name + "' is not camelCase segments joined by dots, "
                    + "such as rateLimit.maxWait");
        }
    }

    /** Text without a default. */
    public static ConfigKey<String> string(String name) {
        return of(name, Type.STRING, null);
    }

    /** Text with a default. */
    public static ConfigKey<String> string(String name, String defaultValue) {
        return of(name, Type.STRING, Objects.requireNonNull(defaultValue, "defaultValue cannot be null"));
    }

    /**
     * A credential: redacted in every message, {@code toString()} and event. It must be printable ASCII without
     * spaces, as HTTP headers carry credentials; a value with a space or a line break is a copy-and-paste mistake,
     * reported without repeating the value.
     */
    public static ConfigKey<String> secret(String name) {
        return of(name, Type.SECRET, null);
    }

    /** A whole number from {@code min} to {@code max}, or {@code defaultValue} when unset. */
    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max) {
        return integer(name, min, max).withDefault(defaultValue);
    }

    /** A whole number from {@code min} to {@code max}, without a default (the provider decides). */
    public static ConfigKey<Integer> integer(String name, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        ConfigKey<Integer> key = of(name, Type.INTEGER, null);
        return key.copy(null, key.defaultText, key.environment, key.doc, null, null, min, max, key.minNumber,
                key.sign, key.hint);
    }

    /** A number above {@code exclusiveMin} (e.g. 0 for a rate), without a default. */
    public static ConfigKey<Double> numberAbove(String name, double exclusiveMin) {
        ConfigKey<Double> key = of(name, Type.NUMBER, null);
        return key.copy(null, null, null, "", null, null, key.min, key.max, exclusiveMin, key.sign, null);
    }

    /** A duration above zero. */
    public static ConfigKey<Duration> positiveDuration(String name, Duration defaultValue) {
        ConfigKey<Duration> key = of(name, Type.DURATION, defaultValue);
        return key.copy(defaultValue, null, null, "", null, null, key.min, key.max, key.minNumber, Sign.POSITIVE,
                null);
    }

    /** A duration of zero or more. */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue) {
        ConfigKey<Duration> key = of(name, Type.DURATION, defaultValue);
        return key.copy(defaultValue, null, null, "", null, null, key.min, key.max, key.minNumber,
                Sign.NOT_NEGATIVE, null);
    }

    /** {@code true} or {@code false}, case-insensitive; anything else is an error, so "flase" never means false. */
    public static ConfigKey<Boolean> bool(String name, boolean defaultValue) {
        return of(name, Type.BOOLEAN, defaultValue);
    }

    /** {@code true} or {@code false}, without a default (the provider decides from other keys). */
    public static ConfigKey<Boolean> bool(String name) {
        return of(name, Type.BOOLEAN, null);
    }

    /**
     * One of an enum's constants, written as its {@code toString()} or its name in any case (e.g. {@code staging}
     * for {@code STAGING}); documented in lower case unless {@code toString()} says otherwise.
     */
    public static <E extends Enum<E>> ConfigKey<E> choice(String name, Class<E> type, E defaultValue) {
        Objects.requireNonNull(type, "type cannot be null");
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String written = constant.toString();
            names.add(written.equals(constant.name()) ? written.toLowerCase(Locale.ROOT) : written);
        }
        ConfigKey<E> key = of(name, Type.ENUM, defaultValue);
        return new ConfigKey<>(key.name, key.type, defaultValue, null, null, "", null, null, key.min, key.max,
                key.minNumber, key.sign, null, List.copyOf(names), type, false);
    }

    /** Comma-separated values, trimmed, empty ones dropped; each must match {@link #matching} when given. */
    public static ConfigKey<List<String>> list(String name) {
        return of(name, Type.LIST, List.of());
    }

    /**
     * {@code host=value,…}: host names (kept in lower case, in the order written) to a value each, which must match
     * {@link #matching} when given. Empty unless set.
     */
    public static ConfigKey<Map<String, String>> hostMap(String name) {
        return of(name, Type.HOST_MAP, Map.of());
    }

    /** A file path, without a default. */
    public static ConfigKey<Path> path(String name) {
        return of(name, Type.PATH, null);
    }

    private ConfigKey<T> copy(T defaultValue, String defaultText, String environment, String doc, Pattern pattern,
                              String patternHint, long min, long max, double minNumber, Sign sign, String hint) {
        return new ConfigKey<>(name, type, defaultValue, defaultText, environment, doc, pattern, patternHint, min,
                max, minNumber, sign, hint, choices, enumType, wildcardHosts);
    }

    private ConfigKey<T> withDefault(T value) {
        return copy(value, defaultText, environment, doc, pattern, patternHint, min, max, minNumber, sign, hint);
    }

    /** This key with one line of documentation, shown in the generated key tables. */
    public ConfigKey<T> doc(String text) {
        return copy(defaultValue, defaultText, environment, Objects.requireNonNull(text, "text cannot be null"),
                pattern, patternHint, min, max, minNumber, sign, hint);
    }

    /**
     * This key falling back to an environment variable of the vendor's (e.g. {@code CLOUDFLARE_API_TOKEN}) when
     * unset. Only the client named by the provider's id reads it: a named client ({@code <name>.provider=…}) takes its
     * values from its own keys, so that two accounts of one vendor cannot both pick up the same variable.
     */
    public ConfigKey<T> environment(String variable) {
        return copy(defaultValue, defaultText, Objects.requireNonNull(variable, "variable cannot be null"), doc,
                pattern, patternHint, min, max, minNumber, sign, hint);
    }

    /** This key with its default described in words, where the default depends on other keys. */
    public ConfigKey<T> defaultText(String text) {
        return copy(defaultValue, Objects.requireNonNull(text, "text cannot be null"), environment, doc, pattern,
                patternHint, min, max, minNumber, sign, hint);
    }

    /**
     * This key accepting only text (or list items, or map values) that matches a regular expression as a whole.
     *
     * @param what what a valid value is, for the message, e.g. {@code "a zone id: 32 letters and digits"}
     */
    public ConfigKey<T> matching(String regex, String what) {
        if (type != Type.STRING && type != Type.SECRET && type != Type.LIST && type != Type.HOST_MAP) {
            throw new IllegalStateException(name + " is a " + type + " key: only text, lists and maps match a pattern");
        }
        return copy(defaultValue, defaultText, environment, doc, Pattern.compile(regex),
                Objects.requireNonNull(what, "what cannot be null"), min, max, minNumber, sign, hint);
    }

    /** This key's out-of-range message with a reason after the range, e.g. {@code "(Fastly's limit per request)"}. */
    public ConfigKey<T> rangeReason(String reason) {
        return copy(defaultValue, defaultText, environment, doc, pattern, patternHint, min, max, minNumber, sign,
                Objects.requireNonNull(reason, "reason cannot be null"));
    }

    /** A host map whose hosts may be written {@code *.example.com}. */
    public ConfigKey<T> wildcardHosts() {
        if (type != Type.HOST_MAP) {
            throw new IllegalStateException(name + " is not a host map");
        }
        return new ConfigKey<>(name, type, defaultValue, defaultText, environment, doc, pattern, patternHint, min,
                max, minNumber, sign, hint, choices, enumType, true);
    }

    /** The name under the client's prefix, e.g. {@code apiToken} or {@code rateLimit.maxWait}. */
    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The value when unset, or null when the key has none (the provider decides, see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the documentation writes it: the words given, else the default value, else "—". */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null || defaultValue instanceof List && ((List<?>) defaultValue).isEmpty()
                || defaultValue instanceof Map && ((Map<?, ?>) defaultValue).isEmpty()) {
            return "—";
        }
        return defaultValue instanceof Duration ? durationText((Duration) defaultValue) : String.valueOf(defaultValue);
    }

    /** The vendor's environment variable this key falls back to, or null. */
    public String environmentVariable() {
        return environment;
    }

    /** One line of documentation. */
    public String doc() {
        return doc;
    }

    public boolean isSecret() {
        return type == Type.SECRET;
    }

    /** The smallest whole number accepted (integer keys). */
    public long min() {
        return min;
    }

    /** The largest whole number accepted (integer keys). */
    public long max() {
        return max;
    }

    /** The names an enum key accepts, in declaration order; empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /**
     * Reads a value written as text.
     *
     * @return the value, or null after adding one sentence per problem, each beginning with {@code where} (the full
     * key, or the variable it was read from); a secret's value is never repeated
     */
    T read(String text, String where, List<String> problems) {
        String value = text.trim();
        String shown = isSecret() ? "" : " is '" + value + "'";
        try {
            return cast(parse(value, where, shown, problems));
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(where + shown + ": use " + expected());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private T cast(Object value) {
        return (T) value;
    }

    private Object parse(String value, String where, String shown, List<String> problems) {
        switch (type) {
            case STRING:
                return matches(value, where, shown, problems) ? value : null;
            case SECRET:
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 0x21 || c > 0x7E) {
                        problems.add(where + " contains a space, a control or a non-ASCII character: copy the "
                                + "credential again without surrounding text");
                        return null;
                    }
                }
                return matches(value, where, shown, problems) ? value : null;
            case INTEGER: {
                long n = Long.parseLong(value);
                if (n < min || n > max) {
                    problems.add(where + shown + ": use " + expected());
                    return null;
                }
                return (int) n;
            }
            case NUMBER: {
                double n = Double.parseDouble(value);
                if (!(n > minNumber) || Double.isInfinite(n) || Double.isNaN(n)) {
                    problems.add(where + shown + ": use " + expected());
                    return null;
                }
                return n;
            }
            case DURATION:
                return duration(value, where, shown, problems);
            case BOOLEAN:
                if (value.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (value.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                problems.add(where + shown + ": use true or false");
                return null;
            case ENUM:
                for (Object constant : enumType.getEnumConstants()) {
                    if (constant.toString().equalsIgnoreCase(value) || ((Enum<?>) constant).name()
                            .equalsIgnoreCase(value)) {
                        return constant;
                    }
                }
                problems.add(where + shown + ": use " + expected());
                return null;
            case LIST:
                return list(value, where, problems);
            case HOST_MAP:
                return hostMap(value, where, problems);
            default:
                return path(value, where, problems);
        }
    }

    private boolean matches(String value, String where, String shown, List<String> problems) {
        if (pattern == null || pattern.matcher(value).matches()) {
            return true;
        }
        problems.add(where + " is not " + patternHint + (isSecret() ? "" : " (it is '" + value + "')"));
        return false;
    }

    private Duration duration(String value, String where, String shown, List<String> problems) {
        Duration duration;
        try {
            duration = MapPurgeConfig.parseDuration(value);
        } catch (RuntimeException e) {
            problems.add(where + shown + ": use " + expected());
            return null;
        }
        if (sign == Sign.POSITIVE && (duration.isZero() || duration.isNegative())
                || sign == Sign.NOT_NEGATIVE && duration.isNegative()) {
            problems.add(where + shown + ": use " + expected());
            return null;
        }
        return duration;
    }

    private List<String> list(String value, String where, List<String> problems) {
        List<String> items = new ArrayList<>();
        boolean ok = true;
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (pattern != null && !pattern.matcher(trimmed).matches()) {
                problems.add(where + " item '" + trimmed + "' is not " + patternHint);
                ok = false;
            }
            items.add(trimmed);
        }
        return ok ? List.copyOf(items) : null;
    }

    private Map<String, String> hostMap(String value, String where, List<String> problems) {
        Map<String, String> map = new LinkedHashMap<>();
        boolean ok = true;
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String host = eq <= 0 ? "" : trimmed.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String mapped = eq <= 0 ? "" : trimmed.substring(eq + 1).trim();
            String bare = wildcardHosts && host.startsWith("*.") ? host.substring(2) : host;
            if (!HOST.matcher(bare).matches() || mapped.isEmpty()) {
                problems.add(where + " entry '" + trimmed + "' is not host=value: write a host name such as "
                        + (wildcardHosts ? "www.example.com or *.example.com" : "www.example.com")
                        + ", '=', then " + (patternHint == null ? "the value" : patternHint));
                ok = false;
            } else if (pattern != null && !pattern.matcher(mapped).matches()) {
                problems.add(where + " entry '" + trimmed + "' maps " + host + " to something that is not "
                        + patternHint);
                ok = false;
            } else if (map.put(host, mapped) != null) {
                problems.add(where + " names " + host + " twice: keep one entry");
                ok = false;
            }
        }
        return ok ? Collections.unmodifiableMap(map) : null;
    }

    private static Path path(String value, String where, List<String> problems) {
        try {
            return value.equals("~") || value.startsWith("~/")
                    ? Paths.get(System.getProperty("user.home") + value.substring(1)) : Paths.get(value);
        } catch (InvalidPathException e) {
            problems.add(where + " is not a file path: " + e.getReason());
            return null;
        }
    }

    /** What a valid value looks like, after "use". */
    String expected() {
        switch (type) {
            case INTEGER:
                return (max == Integer.MAX_VALUE ? "a whole number from " + min + " up"
                        : "a whole number from " + min + " to " + max) + (hint == null ? "" : " " + hint);
            case NUMBER:
                return "a number above " + (minNumber == Math.rint(minNumber) ? String.valueOf((long) minNumber)
                        : String.valueOf(minNumber)) + ", such as 2.5";
            case DURATION:
                return (sign == Sign.POSITIVE ? "a positive duration" : "a duration of 0 or more")
                        + " such as 500ms, 30s, 5m or PT30S";
            case BOOLEAN:
                return "true or false";
            case ENUM:
                return choicesText();
            default:
                return patternHint == null ? "text" : patternHint;
        }
    }

    private String choicesText() {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }

    /** {@code 30s}, {@code 15m}, {@code 500ms}: the short form a reader would write. */
    static String durationText(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    @Override
    public String toString() {
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }
}
