package io.cdnpurge.cloudfront.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opt-in wildcard compaction: when a call names at least {@code minFiles} files directly in one directory, the
 * files are replaced by one {@code /dir/*} path, which CloudFront bills as one path instead of one per file. A
 * wildcard also invalidates everything else under the directory, its subdirectories included; CloudFront cannot
 * say how many objects that is, so the over-purge is bounded by what can be checked: the number of files the call
 * itself names there ({@code compaction.minFiles}), how shallow a directory may be ({@code compaction.minDepth}: at
 * 1, {@code /*} is never produced) and CloudFront's 15 wildcards per call.
 */
final class CloudFrontCompaction {
    /** The paths to send, and what was collapsed (directory wildcard → how many files it replaced). */
    static final class Result {
        final List<String> paths;
        final Map<String, Integer> collapsed;

        Result(List<String> paths, Map<String, Integer> collapsed) {
            this.paths = paths;
            this.collapsed = collapsed;
        }
    }

    private CloudFrontCompaction() {
    }

    static Result compact(List<String> files, int minFiles, int minDepth, int maxWildcards) {
        Map<String, Integer> perDirectory = new LinkedHashMap<>();
        for (String path : files) {
            directory(path).ifPresent(dir -> perDirectory.merge(dir, 1, Integer::sum));
        }
        List<Map.Entry<String, Integer>> candidates = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : perDirectory.entrySet()) {
            if (entry.getValue() >= minFiles && depth(entry.getKey()) >= minDepth) {
                candidates.add(entry);
            }
        }
        // the directories that save most first; ties in the order the files came
        candidates.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue()).reversed());
        Set<String> chosen = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> candidate : candidates) {
            if (chosen.size() == maxWildcards) {
                break;
            }
            if (chosen.stream().noneMatch(dir -> candidate.getKey().startsWith(dir))) {
                chosen.removeIf(dir -> dir.startsWith(candidate.getKey()));
                chosen.add(candidate.getKey());
            }
        }
        if (chosen.isEmpty()) {
            return new Result(files, Map.of());
        }
        Map<String, Integer> collapsed = new LinkedHashMap<>();
        chosen.forEach(dir -> collapsed.put(dir + "*", 0));
        List<String> paths = new ArrayList<>(collapsed.keySet());
        for (String path : files) {
            String covering = null;
            for (String dir : chosen) {
                if (path.startsWith(dir)) {
                    covering = dir;
                    break;
                }
            }
            if (covering == null) {
                paths.add(path);
            } else {
                collapsed.merge(covering + "*", 1, Integer::sum);
            }
        }
        return new Result(List.copyOf(paths), collapsed);
    }

    /** The directory a file path is directly in, with its trailing slash ({@code /} for the root). */
    private static java.util.Optional<String> directory(String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        int slash = bare.lastIndexOf('/');
        return slash < 0 ? java.util.Optional.empty() : java.util.Optional.of(bare.substring(0, slash + 1));
    }

    private static int depth(String directory) {
        int depth = 0;
        for (int i = 1; i < directory.length(); i++) {
            if (directory.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }
}
