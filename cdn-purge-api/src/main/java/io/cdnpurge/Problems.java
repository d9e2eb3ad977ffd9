package io.cdnpurge;

import java.util.List;

/** Formats lists of problems into one exception message. */
final class Problems {
    /** Long lists are cut so that a request of 100,000 bad URLs does not produce a 10 MB message. */
    static final int MAX_LISTED = 20;

    private Problems() {
    }

    static String join(String headline, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems cannot be empty");
        }
        if (problems.size() == 1) {
            return headline + ": " + problems.get(0);
        }
        StringBuilder out = new StringBuilder(headline).append(" (").append(problems.size()).append(" problems):");
        int listed = Math.min(MAX_LISTED, problems.size());
        for (int i = 0; i < listed; i++) {
            out.append("\n - ").append(problems.get(i));
        }
        if (listed < problems.size()) {
            out.append("\n - … and ").append(problems.size() - listed).append(" more");
        }
        return out.toString();
    }
}
