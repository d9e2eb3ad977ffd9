package io.cdnpurge.cli;

import io.cdnpurge.PurgeTarget;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The targets of a command: those on the command line, then those of a file or of standard input, one a line
 * ({@code https://…} a URL; {@code prefix:}, {@code tag:}, {@code host:}, {@code cpcode:} and {@code everything} the
 * others; blank lines and {@code #} comments skipped). Every line is checked before anything is sent, then read again
 * in chunks, so that a file of a million URLs is never held at once (standard input is copied to a temporary file
 * as it is checked).
 */
final class Targets implements AutoCloseable {
    /** Problems named before giving up: the rest are counted. */
    private static final int PROBLEMS_SHOWN = 20;

    private final List<PurgeTarget> given;
    private final Path file;
    private final boolean temporary;
    private final long count;

    private Targets(List<PurgeTarget> given, Path file, boolean temporary, long count) {
        this.given = given;
        this.file = file;
        this.temporary = temporary;
        this.count = count;
    }

    /**
     * @param source a file, {@code -} for standard input, or null for none
     * @throws BadInput naming every line that is not a target (the first {@value #PROBLEMS_SHOWN})
     */
    static Targets read(List<PurgeTarget> given, String source, InputStream stdin) {
        if (source == null) {
            return new Targets(List.copyOf(given), null, false, given.size());
        }
        List<String> problems = new ArrayList<>();
        long[] count = {given.size()};
        long[] bad = {0};
        Path file;
        // standard input, and any pipe or device named as a file, can be read once only: copied as it is checked
        boolean temporary = source.equals("-") || Files.exists(Path.of(source)) && !Files.isRegularFile(Path.of(source));
        try {
            if (temporary) {
                file = Files.createTempFile("cdn-purge-targets", ".txt");
                file.toFile().deleteOnExit();
                InputStream input = source.equals("-") ? stdin : Files.newInputStream(Path.of(source));
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
                     BufferedWriter copy = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    check(reader, source.equals("-") ? "standard input" : source, problems, count, bad, copy);
                }
            } else {
                file = Path.of(source);
                if (!Files.isReadable(file)) {
                    throw new BadInput("cannot read the targets file " + source + ": give a file of one target a "
                            + "line, or - for standard input");
                }
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    check(reader, source, problems, count, bad, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the targets of " + source, e);
        }
        if (!problems.isEmpty()) {
            if (temporary) {
                delete(file);
            }
            throw new BadInput(bad[0] + " line" + (bad[0] == 1 ? " is" : "s are") + " not a target; nothing was "
                    + "sent:\n  " + String.join("\n  ", problems) + (bad[0] > problems.size() ? "\n  … and "
                    + (bad[0] - problems.size()) + " more" : "") + "\nA line is a URL (https://…), prefix:<URL>, "
                    + "tag:<tag>, host:<name>, cpcode:<number> or everything.");
        }
        return new Targets(List.copyOf(given), file, temporary, count[0]);
    }

    private static void check(BufferedReader reader, String name, List<String> problems, long[] count, long[] bad,
                              BufferedWriter copy) throws IOException {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (copy != null) {
                copy.write(line);
                copy.newLine();
            }
            try {
                if (parse(line) != null) {
                    count[0]++;
                }
            } catch (IllegalArgumentException | io.cdnpurge.InvalidPurgeRequestException e) {
                bad[0]++;
                if (problems.size() < PROBLEMS_SHOWN) {
                    problems.add(name + ":" + number + ": " + e.getMessage());
                }
            }
        }
    }

    /** The target a line names; null for a blank line or a comment. */
    static PurgeTarget parse(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text.toLowerCase(Locale.ROOT) : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).strip();
        switch (kind) {
            case "prefix":
                return PurgeTarget.prefix(value);
            case "tag":
                return PurgeTarget.tag(value);
            case "host":
                return PurgeTarget.host(value);
            case "cpcode":
                try {
                    return PurgeTarget.cpCode(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cpcode '" + value + "' is not a number");
                }
            case "everything":
                return PurgeTarget.everything();
            default:
                return PurgeTarget.url(text);
        }
    }

    long count() {
        return count;
    }

    /** The targets in chunks of at most {@code size}: the command line's first, then the file's. */
    Iterator<List<PurgeTarget>> chunks(int size) {
        BufferedReader opened;
        try {
            opened = file == null ? null : Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Iterator<>() {
            private BufferedReader reader = opened;
            private int givenAt;
            private List<PurgeTarget> next = advance();

            private List<PurgeTarget> advance() {
                List<PurgeTarget> chunk = new ArrayList<>(Math.min(size, 1024));
                while (chunk.size() < size && givenAt < given.size()) {
                    chunk.add(given.get(givenAt++));
                }
                try {
                    while (reader != null && chunk.size() < size) {
                        String line = reader.readLine();
                        if (line == null) {
                            reader.close();
                            reader = null;
                        } else {
                            PurgeTarget target = parse(line);
                            if (target != null) {
                                chunk.add(target);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                return chunk.isEmpty() ? null : chunk;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public List<PurgeTarget> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                List<PurgeTarget> chunk = next;
                next = advance();
                return chunk;
            }
        };
    }

    @Override
    public void close() {
        if (temporary) {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file, deleted on exit anyway
        }
    }

    /** Input that is not what the command takes: exit 2, nothing sent. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
