package io.cdnpurge;

import java.util.Set;

/** No provider with the requested id is on the class path or module path. The message lists the known ids. */
public class UnknownProviderException extends PurgeException {
    private static final long serialVersionUID = 1L;
    private final Set<String> knownIds;

    public UnknownProviderException(String message, Set<String> knownIds) {
        super(message);
        this.knownIds = Set.copyOf(knownIds);
    }

    /** The provider ids that were found. */
    public Set<String> knownIds() {
        return knownIds;
    }
}
