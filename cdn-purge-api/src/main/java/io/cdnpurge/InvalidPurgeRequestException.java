package io.cdnpurge;

import java.util.List;

/** A purge request or one of its targets is malformed. Raised before any network call; nothing was sent. */
public class InvalidPurgeRequestException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidPurgeRequestException(String problem) {
        this(List.of(problem));
    }

    public InvalidPurgeRequestException(List<String> problems) {
        super(Problems.join("invalid purge request", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each, naming the offending input. */
    public List<String> problems() {
        return problems;
    }
}
