package io.cdnpurge.files;

import java.util.List;
import java.util.Map;

/**
 * A value of a configuration file with the line it was written on: text (every scalar is read as text), a map (in
 * the order written) or a list. Immutable.
 */
final class Node {
    final int line;
    final String text;
    final Map<String, Node> map;
    final List<Node> list;

    private Node(int line, String text, Map<String, Node> map, List<Node> list) {
        this.line = line;
        this.text = text;
        this.map = map;
        this.list = list;
    }

    static Node text(int line, String value) {
        return new Node(line, value, null, null);
    }

    static Node map(int line, Map<String, Node> entries) {
        return new Node(line, null, entries, null);
    }

    static Node list(int line, List<Node> items) {
        return new Node(line, null, null, items);
    }

    boolean isText() {
        return text != null;
    }

    boolean isMap() {
        return map != null;
    }

    boolean isList() {
        return list != null;
    }

    String kind() {
        return isText() ? "a value" : isMap() ? "a map" : "a list";
    }
}
