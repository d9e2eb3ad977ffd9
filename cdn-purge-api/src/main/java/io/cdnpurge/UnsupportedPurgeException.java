package io.cdnpurge;

import java.util.List;

/**
 * The provider cannot do what the request asks (a target kind, mode or action it lacks). Raised before any
 * network call; the message names the offending targets and what the provider supports instead. cdn-purge never
 * widens a purge silently (for example it never turns a tag purge into purge-everything).
 */
public class UnsupportedPurgeException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public UnsupportedPurgeException(String providerId, List<String> problems) {
        super(Problems.join("provider '" + providerId + "' cannot do this purge", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every unsupported part of the request, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
