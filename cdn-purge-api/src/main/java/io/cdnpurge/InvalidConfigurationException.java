package io.cdnpurge;

import java.util.List;

/** The configuration is missing or has bad values. The message names every offending key at once. */
public class InvalidConfigurationException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidConfigurationException(String problem) {
        this(List.of(problem));
    }

    public InvalidConfigurationException(List<String> problems) {
        super(Problems.join("invalid cdn-purge configuration", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each, naming the key. */
    public List<String> problems() {
        return problems;
    }
}
