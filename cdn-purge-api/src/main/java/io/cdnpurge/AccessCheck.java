package io.cdnpurge;

import java.util.Objects;

/**
 * What a read-only call to the vendor said about a client's credential ({@link PurgeClient#checkAccess}): whether it
 * works and may purge, and what is missing when not. Nothing is purged to find out. Immutable; never holds a
 * credential.
 */
public final class AccessCheck {
    /** How far the vendor's answer goes. */
    public enum Verdict {
        /** The credential works and the vendor says it may purge where the client purges. */
        CONFIRMED,
        /**
         * The credential works; whether it may purge cannot be told without purging (the vendor shows no
         * permissions read-only): {@link AccessCheck#detail()} says what was confirmed.
         */
        CREDENTIAL_ONLY,
        /** The vendor refused the credential, or it lacks the permission to purge: the detail names what to fix. */
        DENIED,
        /** The vendor has no read-only call that shows anything, or nothing was configured to ask about. */
        UNCHECKED,
        /** The vendor could not be asked (network, timeout, server error): the detail says what happened. */
        UNREACHABLE
    }

    private final String client;
    private final Verdict verdict;
    private final String detail;

    private AccessCheck(String client, Verdict verdict, String detail) {
        this.client = Objects.requireNonNull(client, "client cannot be null");
        this.verdict = Objects.requireNonNull(verdict, "verdict cannot be null");
        this.detail = Objects.requireNonNull(detail, "detail cannot be null");
    }

    public static AccessCheck of(String client, Verdict verdict, String detail) {
        return new AccessCheck(client, verdict, detail);
    }

    /** The client's name. */
    public String client() {
        return client;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** What was asked and what the answer showed, or what is missing and where to grant it. */
    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessCheck && client.equals(((AccessCheck) other).client)
                && verdict == ((AccessCheck) other).verdict && detail.equals(((AccessCheck) other).detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(client, verdict, detail);
    }

    @Override
    public String toString() {
        return client + ": " + verdict + " — " + detail;
    }
}
