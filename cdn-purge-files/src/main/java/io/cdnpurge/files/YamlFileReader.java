package io.cdnpurge.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.spi.PurgeFileReader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code .yml}, {@code .yaml} and {@code .json} files with Jackson's streaming parsers. */
public final class YamlFileReader implements PurgeFileReader {
    @Override
    public boolean reads(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json");
    }

    @Override
    public PurgeRouter read(Path file, Map<String, String> environment, ClientOptions options) {
        return PurgeFiles.load(file, environment, options);
    }

    /** The file's tree, each value with its line. */
    static Node parse(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonFactory factory = name.endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser parser = factory.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidConfigurationException(file + " is empty");
            }
            return node(parser, 0);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(file + ":" + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().split("\n")[0] + " (not valid " + (name.endsWith(".json") ? "JSON"
                    : "YAML") + ")");
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read " + file + ": " + e);
        }
    }

    /** @param keyLine the line of the key this value is of, 0 for none: a block map or list is placed at its key */
    private static Node node(JsonParser parser, int keyLine) throws IOException {
        JsonToken token = parser.currentToken();
        int line = keyLine > 0 && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) ? keyLine
                : parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int at = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                entries.put(key, node(parser, at));
            }
            return Node.map(line, entries);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, 0));
            }
            return Node.list(line, items);
        }
        if (token == JsonToken.VALUE_NULL) {
            return Node.text(line, "");
        }
        return Node.text(line, parser.getText());
    }
}
