package io.cdnpurge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A URL target is kept in the one form browsers request and CDNs key their caches by. */
class CanonicalUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://www.example.com/a/../b.html, https://www.example.com/b.html",
            "https://www.example.com/a/./b.html, https://www.example.com/a/b.html",
            "https://www.example.com/../../service/SID/purge_all, https://www.example.com/service/SID/purge_all",
            "https://www.example.com/%2e%2e/%2E%2E/service/SID/purge_all, "
                    + "https://www.example.com/service/SID/purge_all",
            "https://www.example.com/a/.%2e/b, https://www.example.com/b",
            "https://www.example.com/a/%2e./b, https://www.example.com/b",
            "https://www.example.com/a/%2e/b, https://www.example.com/a/b",
            "https://www.example.com/a/b/.., https://www.example.com/a/",
            "https://www.example.com/a/b/., https://www.example.com/a/b/",
            "https://www.example.com/../other.example.com/x.html, https://www.example.com/other.example.com/x.html",
            "https://www.example.com/a/..?x=../y, https://www.example.com/?x=../y",
    })
    void dotSegmentsAreResolvedAndNeverClimbAboveTheRoot(String given, String canonical) {
        assertThat(PurgeTarget.url(given).value()).isEqualTo(canonical);
    }

    @Test
    void segmentsThatOnlyContainDotsAmongOtherCharactersAreKept() {
        assertThat(PurgeTarget.url("https://www.example.com/..a/b../...").value())
                .isEqualTo("https://www.example.com/..a/b../...");
        assertThat(PurgeTarget.url("https://www.example.com/..%2F..%2Fservice").value())
                .isEqualTo("https://www.example.com/..%2F..%2Fservice");
    }

    @Test
    void nonAsciiCharactersArePercentEncodedAsUtf8LikeABrowserDoes() {
        assertThat(PurgeTarget.url("https://www.example.com/café?q=naïve").value())
                .isEqualTo("https://www.example.com/caf%C3%A9?q=na%C3%AFve");
        assertThat(PurgeTarget.url("https://www.example.com/%F0%9F%98%80").value())
                .isEqualTo(PurgeTarget.url("https://www.example.com/😀").value());
    }

    @Test
    void existingEscapesAreKeptAsWritten() {
        assertThat(PurgeTarget.url("https://www.example.com/a%2fb%20c").value())
                .isEqualTo("https://www.example.com/a%2fb%20c");
    }

    @Test
    void aQuoteInTheQueryIsEncodedAsBrowsersDo() {
        assertThat(PurgeTarget.url("https://www.example.com/s?q=it's").value())
                .isEqualTo("https://www.example.com/s?q=it%27s");
    }

    @Test
    void schemeAndHostAreLowerCasedAndTheDefaultPortDropped() {
        assertThat(PurgeTarget.url("HTTPS://WWW.Example.COM:443/A").value()).isEqualTo("https://www.example.com/A");
        assertThat(PurgeTarget.url("http://www.example.com:80/a").value()).isEqualTo("http://www.example.com/a");
        assertThat(PurgeTarget.url("https://www.example.com:8443/a").value())
                .isEqualTo("https://www.example.com:8443/a");
        assertThat(PurgeTarget.url("http://www.example.com:443/a").value())
                .isEqualTo("http://www.example.com:443/a");
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertThat(PurgeTarget.url("https://www.example.com").value()).isEqualTo("https://www.example.com/");
        assertThat(PurgeTarget.url("https://www.example.com?a=1").value()).isEqualTo("https://www.example.com/?a=1");
    }

    @Test
    void anInternationalisedHostIsKeptInItsAsciiForm() {
        PurgeTarget target = PurgeTarget.url("https://bücher.example/a");
        assertThat(target.value()).isEqualTo("https://xn--bcher-kva.example/a");
        assertThat(target.hostName()).contains("xn--bcher-kva.example");
    }

    @Test
    void aPrefixIsCanonicalToo() {
        assertThat(PurgeTarget.prefix("https://WWW.example.com/a/../assets/").value())
                .isEqualTo("https://www.example.com/assets/");
    }

    @Test
    void theSameUrlWrittenTwoWaysIsOneTarget() {
        PurgeRequest request = PurgeRequest.builder()
                .url("https://www.example.com/a/../b.html")
                .url("https://WWW.EXAMPLE.COM:443/b.html")
                .build();
        assertThat(request.targets()).hasSize(2);
        assertThat(request.targets().get(0)).isEqualTo(request.targets().get(1));
    }

    @Test
    void aCanonicalUrlIsKeptAsTheSameString() {
        String url = "https://www.example.com/news/42?page=2";
        assertThat(PurgeTarget.url(url).value()).isSameAs(url);
    }

    @Test
    void userInfoIsRefusedWithoutPrintingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("https://admin:s3cr3t-pw@www.example.com/a"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("user info")
                .hasMessageNotContaining("s3cr3t-pw")
                .hasMessageNotContaining("admin");
    }

    @Test
    void aBackslashIsRefusedSinceBrowsersReadItAsASlash() {
        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/a\\..\\b"))
                .isInstanceOf(InvalidPurgeRequestException.class);
    }
}
