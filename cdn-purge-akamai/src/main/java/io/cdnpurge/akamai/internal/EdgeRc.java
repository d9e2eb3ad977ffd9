package io.cdnpurge.akamai.internal;

import io.cdnpurge.InvalidConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code .edgerc} file: INI sections of EdgeGrid credentials, as Akamai's own tools write and read them.
 * Whole-line comments start with {@code ;} or {@code #}; a {@code ;} or {@code #} after whitespace starts a trailing
 * comment; lines are {@code key = value} or {@code key: value}; values may be quoted with {@code "} or {@code '}
 * (backslash escapes the quote), which keeps a {@code ;} inside them; key names are case-insensitive and {@code -}
 * equals {@code _} ({@code max-body}, {@code max_body}); a section may appear once.
 */
public final class EdgeRc {
    private final String name;
    private final Map<String, Map<String, String>> sections;

    private EdgeRc(String name, Map<String, Map<String, String>> sections) {
        this.name = name;
        this.sections = sections;
    }

    /**
     * Reads a file.
     *
     * @throws InvalidConfigurationException when it is missing, unreadable or malformed, naming the file and line
     */
    public static EdgeRc read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException("no .edgerc file at " + file + ": create it with the API "
                    + "client's credentials from Akamai Control Center, point akamai.edgerc (or AKAMAI_EDGERC) at it, "
                    + "or set akamai.host, akamai.clientToken, akamai.clientSecret and akamai.accessToken");
        } catch (IOException e) {
            throw new InvalidConfigurationException("the .edgerc file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "): check its permissions");
        }
    }

    /** Parses the text of a file; {@code name} appears in messages. */
    public static EdgeRc parse(String name, String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        // a byte-order mark from editors that write one would otherwise be part of the first line
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                if (end < 0) {
                    throw malformed(name, i, "a section header without ']'");
                }
                String section = line.substring(1, end).strip();
                if (sections.containsKey(section)) {
                    throw malformed(name, i, "a second [" + section + "] section");
                }
                current = new LinkedHashMap<>();
                sections.put(section, current);
                continue;
            }
            // INI files of Akamai's tools also accept 'key: value'; whichever delimiter comes first counts
            int equals = line.indexOf('=');
            int colon = line.indexOf(':');
            int eq = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            if (eq <= 0) {
                throw malformed(name, i, "a line that is neither '[section]' nor 'key = value'");
            }
            if (current == null) {
                throw malformed(name, i, "a key before the first [section]");
            }
            current.put(key(line.substring(0, eq)), value(line.substring(eq + 1).strip()));
        }
        return new EdgeRc(name, sections);
    }

    private static InvalidConfigurationException malformed(String name, int index, String what) {
        // the line itself is not quoted: it may hold a secret
        return new InvalidConfigurationException("the .edgerc file " + name + " has " + what + " on line "
                + (index + 1));
    }

    private static String key(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static String value(String raw) {
        if (!raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            char quote = raw.charAt(0);
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    value.append(raw.charAt(++i));
                } else if (c == quote) {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            return raw; // no closing quote: taken as written
        }
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c == ';' || c == '#') && Character.isWhitespace(raw.charAt(i - 1))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw;
    }

    /** The section names, in file order. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** The raw values of a section, keys lower case with {@code _}; empty when the section is absent. */
    public Map<String, String> section(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    /**
     * The credential of a section.
     *
     * @throws InvalidConfigurationException naming every missing or bad key of the section, never a value
     */
    public AkamaiCredential credential(String section) {
        Map<String, String> values = sections.get(section);
        String where = name + " [" + section + "]";
        if (values == null) {
            throw new InvalidConfigurationException("the .edgerc file " + name + " has no section [" + section
                    + "] (it has " + (sections.isEmpty() ? "none" : "[" + String.join("], [", sections.keySet())
                    + "]") + "): set akamai.edgercSection (or AKAMAI_EDGERC_SECTION) to one of them");
        }
        List<String> problems = new ArrayList<>();
        for (String key : List.of("host", "client_token", "client_secret", "access_token")) {
            if (values.getOrDefault(key, "").isBlank()) {
                problems.add(where + " has no " + key + ": copy it from the API client's credential");
            }
        }
        int maxBody = AkamaiCredential.DEFAULT_MAX_BODY;
        String rawMaxBody = values.get("max_body");
        if (rawMaxBody != null) {
            try {
                maxBody = Integer.parseInt(rawMaxBody.strip());
                if (maxBody < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(where + " max_body '" + rawMaxBody + "' is not a positive number: use "
                        + AkamaiCredential.DEFAULT_MAX_BODY);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        List<String> headers = new ArrayList<>();
        Arrays.stream(values.getOrDefault("headers_to_sign", "").split(","))
                .map(String::strip).filter(h -> !h.isEmpty()).forEach(headers::add);
        return new AkamaiCredential(values.get("host"), values.get("client_token").strip(),
                values.get("client_secret").strip(), values.get("access_token").strip(), maxBody, headers, where);
    }

    @Override
    public String toString() {
        return "EdgeRc{" + name + ", sections " + sections.keySet() + "}";
    }
}
