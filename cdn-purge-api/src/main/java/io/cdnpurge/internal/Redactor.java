package io.cdnpurge.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret in a text with {@code [REDACTED]}. */
final class Redactor {
    static final String MASK = "[REDACTED]";
    /** Shorter values would mask ordinary words; no real credential is that short. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    Redactor(Collection<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                usable.add(secret);
            }
        }
        usable.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(usable);
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
