package io.cdnpurge.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.cdnpurge.PurgeException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor's JSON answer, read with Jackson's streaming parser, and request bodies written with its streaming
 * generator: what the providers need of JSON without the start-up of a data-binding mapper (a purge answer is a few
 * fields; a body is a list of strings).
 *
 * <p>A value is immutable. Navigation never fails: a field or element that is not there is the {@linkplain #isMissing
 * missing} value, whose {@code asText(default)} is the default.
 *
 * <pre>{@code
 * Json answer = Json.parse("{\"success\":true,\"result\":{\"id\":\"9a7806\"}}");
 * answer.path("success").asBoolean(false);      // true
 * answer.path("result").path("id").asText(null); // "9a7806"
 * answer.path("errors").size();                  // 0: missing
 * }</pre>
 *
 * <p>Strings are written as UTF-8, with {@code &}, {@code <}, {@code >} and non-ASCII characters as themselves, never
 * as escape sequences: a vendor compares purged URLs with its cache keys byte for byte, and an escaped
 * {@code &} matches nothing.
 */
public final class Json implements Iterable<Json> {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            // an emoji in a URL goes as its four UTF-8 bytes, not as two escaped surrogates
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** What a value is. */
    public enum Type {
        /** Not in the document: an absent field, an element past the end, an empty or unreadable body. */
        MISSING, NULL, OBJECT, ARRAY, STRING, NUMBER, BOOLEAN
    }

    private static final Json MISSING = new Json(Type.MISSING, null);
    private static final Json NULL = new Json(Type.NULL, null);
    private static final Json TRUE = new Json(Type.BOOLEAN, Boolean.TRUE);
    private static final Json FALSE = new Json(Type.BOOLEAN, Boolean.FALSE);

    private static final Object[] NONE = new Object[0];
    private static final Json EMPTY_ARRAY = new Json(Type.ARRAY, NONE, 0);
    private static final Json EMPTY_OBJECT = new Json(Type.OBJECT, NONE, 0);

    private final Type type;
    /**
     * A String, a Number or a Boolean by type; for an array its elements, and for an object its names and values
     * in turn, in an array of which {@link #size} (or twice that) are used: a vendor's answer is a handful of small
     * objects, read once, and this holds them in two allocations each.
     */
    private final Object value;
    private final int size;

    private Json(Type type, Object value) {
        this(type, value, 0);
    }

    private Json(Type type, Object value, int size) {
        this.type = type;
        this.value = value;
        this.size = size;
    }

    /** The missing value. */
    public static Json missing() {
        return MISSING;
    }

    /**
     * Reads a body leniently: an empty body, or one that is not JSON (a proxy's HTML page), is the missing value
     * instead of an error; what follows the first value is ignored.
     */
    public static Json parse(String text) {
        if (text == null || text.isBlank()) {
            return MISSING;
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? MISSING : read(parser, first);
        } catch (IOException | RuntimeException e) {
            // not JSON, cut short, or nested deeper than Jackson's read constraints allow
            return MISSING;
        }
    }

    private static Json read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Object[] fields = NONE;
                int count = 0;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw new IOException("a field name expected");
                    }
                    String name = parser.currentName();
                    Json field = read(parser, parser.nextToken());
                    int at = indexOf(fields, count, name);
                    if (at >= 0) {
                        // a repeated name: the last one counts, as with any JSON reader that keeps one
                        fields[2 * at + 1] = field;
                        continue;
                    }
                    if (2 * count == fields.length) {
                        fields = Arrays.copyOf(fields, Math.max(8, fields.length * 2));
                    }
                    fields[2 * count] = name;
                    fields[2 * count + 1] = field;
                    count++;
                }
                return count == 0 ? EMPTY_OBJECT : new Json(Type.OBJECT, fields, count);
            }
            case START_ARRAY: {
                Object[] elements = NONE;
                int count = 0;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (count == elements.length) {
                        elements = Arrays.copyOf(elements, Math.max(4, count * 2));
                    }
                    elements[count++] = read(parser, next);
                }
                return count == 0 ? EMPTY_ARRAY : new Json(Type.ARRAY, elements, count);
            }
            case VALUE_STRING:
                return new Json(Type.STRING, parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Json(Type.NUMBER, parser.getNumberValue());
            case VALUE_TRUE:
                return TRUE;
            case VALUE_FALSE:
                return FALSE;
            case VALUE_NULL:
                return NULL;
            default:
                throw new IOException("unexpected " + token);
        }
    }

    public Type type() {
        return type;
    }

    public boolean isMissing() {
        return type == Type.MISSING;
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    public boolean isObject() {
        return type == Type.OBJECT;
    }

    public boolean isArray() {
        return type == Type.ARRAY;
    }

    public boolean isTextual() {
        return type == Type.STRING;
    }

    public boolean isNumber() {
        return type == Type.NUMBER;
    }

    public boolean isBoolean() {
        return type == Type.BOOLEAN;
    }

    private static int indexOf(Object[] fields, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (fields[2 * i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The object's field, or the missing value when this is not an object or has no such field. */
    public Json path(String field) {
        if (type != Type.OBJECT) {
            return MISSING;
        }
        int at = indexOf((Object[]) value, size, field);
        return at < 0 ? MISSING : (Json) ((Object[]) value)[2 * at + 1];
    }

    /** The array's element, or the missing value when this is not an array or is shorter. */
    public Json path(int index) {
        if (type != Type.ARRAY) {
            return MISSING;
        }
        return index >= 0 && index < size ? (Json) ((Object[]) value)[index] : MISSING;
    }

    /** Whether the object has the field with a value other than {@code null}. */
    public boolean hasNonNull(String field) {
        Json found = path(field);
        return !found.isMissing() && !found.isNull();
    }

    /** The object's field names, in the document's order; none when this is not an object. */
    public List<String> fieldNames() {
        if (type != Type.OBJECT) {
            return List.of();
        }
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = (String) ((Object[]) value)[2 * i];
        }
        return List.of(names);
    }

    /** The elements of an array, or the number of fields of an object; 0 otherwise. */
    public int size() {
        return type == Type.ARRAY || type == Type.OBJECT ? size : 0;
    }

    /** The elements of an array, or the values of an object's fields; nothing otherwise. */
    @Override
    public Iterator<Json> iterator() {
        if (type != Type.ARRAY && type != Type.OBJECT) {
            return Collections.emptyIterator();
        }
        Object[] items = (Object[]) value;
        int step = type == Type.OBJECT ? 2 : 1;
        int offset = step - 1;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Json next() {
                if (next >= size) {
                    throw new java.util.NoSuchElementException();
                }
                return (Json) items[step * next++ + offset];
            }
        };
    }

    /** A string's text, or a number's or a boolean's as written; {@code ""} for anything else. */
    public String asText() {
        switch (type) {
            case STRING:
                return (String) value;
            case NUMBER:
                return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
            case BOOLEAN:
                return value.toString();
            case NULL:
                return "null";
            default:
                return "";
        }
    }

    /** {@link #asText()}, or the default when the value is missing or {@code null}. */
    public String asText(String defaultValue) {
        return type == Type.MISSING || type == Type.NULL ? defaultValue : asText();
    }

    /** A boolean, the text {@code true} or {@code false}, or a number other than 0; else the default. */
    public boolean asBoolean(boolean defaultValue) {
        switch (type) {
            case BOOLEAN:
                return (Boolean) value;
            case STRING: {
                String text = ((String) value).trim();
                return "true".equals(text) || !"false".equals(text) && defaultValue;
            }
            case NUMBER:
                return ((Number) value).doubleValue() != 0;
            default:
                return defaultValue;
        }
    }

    /** A number, or a string holding an integer, as an int; else the default. */
    public int asInt(int defaultValue) {
        if (type == Type.NUMBER) {
            return ((Number) value).intValue();
        }
        if (type == Type.STRING) {
            try {
                return Integer.parseInt(((String) value).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    /** Whether this is a number within the range of a long. */
    public boolean canConvertToLong() {
        if (type != Type.NUMBER) {
            return false;
        }
        if (value instanceof BigInteger) {
            return ((BigInteger) value).bitLength() < 64;
        }
        double d = ((Number) value).doubleValue();
        return !(value instanceof Double || value instanceof Float || value instanceof BigDecimal)
                || d >= Long.MIN_VALUE && d <= Long.MAX_VALUE;
    }

    /** A number as a long (a fraction cut off), a string holding one, or 0. */
    public long asLong() {
        return asLong(0);
    }

    /** A number as a long (a fraction cut off), a string holding one, or the default. */
    public long asLong(long defaultValue) {
        if (type == Type.NUMBER) {
            return ((Number) value).longValue();
        }
        if (type == Type.STRING) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    /** A number as a double, a string holding one, or the default. */
    public double asDouble(double defaultValue) {
        if (type == Type.NUMBER) {
            return ((Number) value).doubleValue();
        }
        if (type == Type.STRING) {
            try {
                return Double.parseDouble(((String) value).trim());
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        return defaultValue;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Json) || type != ((Json) other).type) {
            return false;
        }
        Json that = (Json) other;
        if (type == Type.ARRAY || type == Type.OBJECT) {
            int used = type == Type.OBJECT ? 2 * size : size;
            return size == that.size && Arrays.equals((Object[]) value, 0, used, (Object[]) that.value, 0, used);
        }
        return Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        if (type == Type.ARRAY || type == Type.OBJECT) {
            int hash = type.hashCode();
            int used = type == Type.OBJECT ? 2 * size : size;
            for (int i = 0; i < used; i++) {
                hash = hash * 31 + ((Object[]) value)[i].hashCode();
            }
            return hash;
        }
        return type.hashCode() * 31 + Objects.hashCode(value);
    }

    /** The value as compact JSON; the missing value as an empty string. */
    @Override
    public String toString() {
        if (type == Type.MISSING) {
            return "";
        }
        return new String(write(plain(this)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object plain(Json json) {
        switch (json.type) {
            case OBJECT: {
                Map<String, Object> fields = new java.util.LinkedHashMap<>();
                for (String name : json.fieldNames()) {
                    fields.put(name, plain(json.path(name)));
                }
                return fields;
            }
            case ARRAY: {
                List<Object> elements = new ArrayList<>();
                json.forEach(element -> elements.add(plain(element)));
                return elements;
            }
            default:
                return json.value;
        }
    }

    /**
     * Writes a request body: maps (their keys as strings), lists and other iterables, strings, numbers, booleans and
     * {@code null}, nested as deep as needed.
     *
     * @throws IllegalArgumentException for a value of any other type
     */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail
            throw new PurgeException("could not write a request body as JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> field : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(String.valueOf(field.getKey()));
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable) {
            generator.writeStartArray();
            for (Object element : (Iterable<?>) value) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * The size in bytes of a string written as a JSON string literal: its UTF-8 bytes, the quotes and the escapes.
     * Counted without writing it for the strings URLs are (printable ASCII without quote or backslash).
     */
    public static int stringBytes(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return write(value).length;
            }
        }
        return length + 2;
    }
}
