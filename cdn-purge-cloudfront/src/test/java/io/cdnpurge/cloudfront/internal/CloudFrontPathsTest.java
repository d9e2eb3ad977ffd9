package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeTarget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFrontPathsTest {
    private static String path(String url) {
        return CloudFrontPaths.path(PurgeTarget.url(url), CloudFrontSettings.QueryStrings.KEEP);
    }

    @Test
    void onlyNonAsciiAndRfc1738UnsafeCharactersAreEncodedAndExistingEscapesAreKept() {
        assertThat(path("https://h/a/b-c_d.e!$&'()+,;=:@.html")).isEqualTo("/a/b-c_d.e!$&'()+,;=:@.html");
        assertThat(path("https://h/caf\u00e9/\u65e5\u672c.png")).isEqualTo("/caf%C3%A9/%E6%97%A5%E6%9C%AC.png");
        assertThat(path("https://h/~user/a%20b.txt")).isEqualTo("/%7Euser/a%20b.txt");
        assertThat(path("https://h/a%2Fb")).isEqualTo("/a%2Fb");
        assertThat(CloudFrontPaths.encode("/50%/a{b}|c^d[e]`f\\g\"h<i>")).isEqualTo(
                "/50%25/a%7Bb%7D%7Cc%5Ed%5Be%5D%60f%5Cg%22h%3Ci%3E");
        assertThat(path("https://h")).isEqualTo("/");
        assertThat(path("https://h/search?q=a b".replace(" ", "%20"))).isEqualTo("/search?q=a%20b");
    }

    @Test
    void prefixesHostsAndTagsMapToWildcardsAndTagItems() {
        CloudFrontSettings.QueryStrings keep = CloudFrontSettings.QueryStrings.KEEP;
        assertThat(CloudFrontPaths.path(PurgeTarget.prefix("https://h/assets/"), keep)).isEqualTo("/assets/*");
        assertThat(CloudFrontPaths.path(PurgeTarget.prefix("https://h/img"), keep)).isEqualTo("/img*");
        assertThat(CloudFrontPaths.path(PurgeTarget.host("h.example.com"), keep)).isEqualTo("/*");
        assertThat(CloudFrontPaths.path(PurgeTarget.everything(), keep)).isEqualTo("/*");
        assertThat(CloudFrontPaths.path(PurgeTarget.tag("Product-42"), keep)).isEqualTo("#Product-42");
        assertThat(CloudFrontPaths.isWildcard("/a/*")).isTrue();
        assertThat(CloudFrontPaths.isWildcard("#tag")).isFalse();
    }

    @Test
    void aPathOfExactly4000CharactersIsAllowedAndOneMoreIsNot() {
        CloudFrontSettings.QueryStrings keep = CloudFrontSettings.QueryStrings.KEEP;
        assertThat(CloudFrontPaths.problem(PurgeTarget.url("https://h/" + "a".repeat(3999)), keep)).isEmpty();
        assertThat(CloudFrontPaths.problem(PurgeTarget.url("https://h/" + "a".repeat(4000)), keep)).get()
                .asString().contains("4001-character").contains("at most 4000");
        // encoding counts: 1,334 é are 8,004 characters once encoded
        assertThat(CloudFrontPaths.problem(PurgeTarget.url("https://h/" + "\u00e9".repeat(1334)), keep)).isPresent();
        assertThat(CloudFrontPaths.problem(PurgeTarget.tag("t".repeat(257)), keep)).isPresent();
        assertThat(CloudFrontPaths.problem(PurgeTarget.tag("t".repeat(256)), keep)).isEmpty();
    }

    @Test
    void compactionTakesTheDirectoriesThatSaveMostAndNeverDropsAnUncoveredFile() {
        List<String> files = new ArrayList<>();
        for (int dir = 0; dir < 20; dir++) {
            for (int i = 0; i <= dir; i++) {
                files.add("/d" + dir + "/f" + i);
            }
        }
        files.add("/d19/sub/x");
        CloudFrontCompaction.Result result = CloudFrontCompaction.compact(files, 2, 1, 15);

        assertThat(result.collapsed).hasSize(15).containsEntry("/d19/*", 21).doesNotContainKey("/d1/*");
        // every file is either sent or under a wildcard that is sent
        for (String file : files) {
            assertThat(result.paths.contains(file) || result.paths.stream()
                    .anyMatch(p -> p.endsWith("*") && file.startsWith(p.substring(0, p.length() - 1))))
                    .as(file).isTrue();
        }
        assertThat(result.paths).hasSize(15 + (1 + 2 + 3 + 4 + 5));
    }

    @Test
    void compactionNeverWidensToTheRootBelowMinDepthAndNestsUnderTheWiderDirectory() {
        assertThat(CloudFrontCompaction.compact(List.of("/a", "/b", "/c"), 2, 1, 15).collapsed).isEmpty();
        assertThat(CloudFrontCompaction.compact(List.of("/a", "/b", "/c"), 2, 0, 15).paths).containsExactly("/*");
        CloudFrontCompaction.Result nested = CloudFrontCompaction.compact(
                List.of("/a/1", "/a/2", "/a/b/1", "/a/b/2", "/a/b/3"), 2, 1, 15);
        assertThat(nested.paths).containsExactly("/a/*");
        assertThat(nested.collapsed).isEqualTo(Map.of("/a/*", 5));
    }
}
