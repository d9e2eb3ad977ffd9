package io.cdnpurge;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeTargetTest {

    @Test
    void acceptsAnAbsoluteHttpsUrlWithAQuery() {
        PurgeTarget target = PurgeTarget.url("https://www.example.com/news/42?page=2");

        assertThat(target.kind()).isEqualTo(PurgeTarget.Kind.URL);
        assertThat(target.value()).isEqualTo("https://www.example.com/news/42?page=2");
        assertThat(target.headers()).isEmpty();
    }

    @Test
    void acceptsAnHttpUrl() {
        assertThat(PurgeTarget.url("http://www.example.com/").value()).isEqualTo("http://www.example.com/");
    }

    @Test
    void rejectsARelativeUrlNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("/news/42"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'/news/42'")
                .hasMessageContaining("not absolute");
    }

    @Test
    void rejectsAUrlWithACarriageReturnNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/a\rb"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com/a\\rb'")
                .hasMessageContaining("CR");
    }

    @Test
    void rejectsAUrlWithALineFeedNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/a\nSet-Cookie: x"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com/a\\nSet-Cookie: x'")
                .hasMessageContaining("LF");
    }

    @Test
    void rejectsAUrlWithASpaceNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/my page"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com/my page'")
                .hasMessageContaining("contains a space");
    }

    @Test
    void rejectsAUrlWithANonHttpSchemeNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("ftp://www.example.com/file.zip"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'ftp://www.example.com/file.zip'")
                .hasMessageContaining("scheme 'ftp'");
    }

    @Test
    void rejectsAUrlWithAFragmentNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/news#top"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com/news#top'")
                .hasMessageContaining("fragment");
    }

    @Test
    void rejectsAPrefixWithAQueryNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.prefix("https://www.example.com/assets/?v=2"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com/assets/?v=2'");
    }

    @Test
    void acceptsAnAbsolutePrefix() {
        PurgeTarget target = PurgeTarget.prefix("https://www.example.com/assets/");

        assertThat(target.kind()).isEqualTo(PurgeTarget.Kind.PREFIX);
        assertThat(target.value()).isEqualTo("https://www.example.com/assets/");
    }

    @Test
    void rejectsATagWithASpaceNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.tag("article 42"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'article 42'")
                .hasMessageContaining("contains a space");
    }

    @Test
    void rejectsATagWithANonAsciiCharacterNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.tag("café"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'café'")
                .hasMessageContaining("U+00E9");
    }

    @Test
    void rejectsATagWithANonPrintableCharacterNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.tag("article\u000742"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'article\\u000742'")
                .hasMessageContaining("U+0007");
    }

    @Test
    void acceptsATagOfPrintableAscii() {
        PurgeTarget target = PurgeTarget.tag("article-42:v7");

        assertThat(target.kind()).isEqualTo(PurgeTarget.Kind.TAG);
        assertThat(target.value()).isEqualTo("article-42:v7");
    }

    @Test
    void rejectsAHostWithASchemeNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.host("https://www.example.com"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'https://www.example.com'")
                .hasMessageContaining("bare host name");
    }

    @Test
    void rejectsAHostWithAPathNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.host("www.example.com/news"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'www.example.com/news'");
    }

    @Test
    void acceptsABareHostName() {
        assertThat(PurgeTarget.host("www.example.com").value()).isEqualTo("www.example.com");
    }

    @Test
    void rejectsAZeroCpCodeNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.cpCode(0))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("cp code '0'")
                .hasMessageContaining("not a positive number");
    }

    @Test
    void rejectsANegativeCpCodeNamingIt() {
        assertThatThrownBy(() -> PurgeTarget.cpCode(-12345))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'-12345'");
    }

    @Test
    void rejectsACpCodeThatIsNotANumber() {
        assertThatThrownBy(() -> PurgeTarget.of(PurgeTarget.Kind.CP_CODE, "abc"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'abc'");
    }

    @Test
    void keepsACpCodeAsItsDecimalText() {
        PurgeTarget target = PurgeTarget.cpCode(12345);

        assertThat(target.kind()).isEqualTo(PurgeTarget.Kind.CP_CODE);
        assertThat(target.value()).isEqualTo("12345");
    }

    @Test
    void createsEveryKindFromItsText() {
        assertThat(PurgeTarget.of(PurgeTarget.Kind.URL, "https://www.example.com/"))
                .isEqualTo(PurgeTarget.url("https://www.example.com/"));
        assertThat(PurgeTarget.of(PurgeTarget.Kind.PREFIX, "https://www.example.com/a/"))
                .isEqualTo(PurgeTarget.prefix("https://www.example.com/a/"));
        assertThat(PurgeTarget.of(PurgeTarget.Kind.TAG, "t")).isEqualTo(PurgeTarget.tag("t"));
        assertThat(PurgeTarget.of(PurgeTarget.Kind.HOST, "example.com")).isEqualTo(PurgeTarget.host("example.com"));
        assertThat(PurgeTarget.of(PurgeTarget.Kind.CP_CODE, "7")).isEqualTo(PurgeTarget.cpCode(7));
        assertThat(PurgeTarget.of(PurgeTarget.Kind.EVERYTHING, "*")).isEqualTo(PurgeTarget.everything());
    }

    @Test
    void rejectsANullUrlNamingTheParameter() {
        assertThatNullPointerException().isThrownBy(() -> PurgeTarget.url(null)).withMessage("url cannot be null");
    }

    @Test
    void isEqualToATargetOfTheSameKindAndValue() {
        PurgeTarget first = PurgeTarget.url("https://www.example.com/a");
        PurgeTarget second = PurgeTarget.url("https://www.example.com/a");

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void differsFromATargetOfAnotherKindWithTheSameValue() {
        assertThat(PurgeTarget.url("https://www.example.com/a/"))
                .isNotEqualTo(PurgeTarget.prefix("https://www.example.com/a/"));
    }

    @Test
    void differsFromTheSameUrlWithOtherCacheKeyHeaders() {
        assertThat(PurgeTarget.url("https://www.example.com/a", Map.of("CF-Device-Type", "mobile")))
                .isNotEqualTo(PurgeTarget.url("https://www.example.com/a", Map.of("CF-Device-Type", "desktop")));
    }

    @Test
    void copiesCacheKeyHeadersIn() {
        Map<String, String> headers = new HashMap<>(Map.of("CF-Device-Type", "mobile"));
        PurgeTarget target = PurgeTarget.url("https://www.example.com/a", headers);

        headers.put("Origin", "https://evil.example");

        assertThat(target.headers()).containsOnlyKeys("CF-Device-Type");
    }

    @Test
    void exposesCacheKeyHeadersUnmodifiable() {
        PurgeTarget target = PurgeTarget.url("https://www.example.com/a", Map.of("CF-Device-Type", "mobile"));

        assertThatThrownBy(() -> target.headers().put("Origin", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsACacheKeyHeaderGivenTwiceInDifferentCase() {
        Map<String, String> headers = Map.of("Origin", "https://a.example", "origin", "https://b.example");

        assertThatThrownBy(() -> PurgeTarget.url("https://www.example.com/a", headers))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("given twice");
    }
    @Test
    void aUrlWhoseHostHasAnUnderscoreIsAcceptedAndItsHostIsKnown() {
        PurgeTarget target = PurgeTarget.url("https://media_cdn.example.com:8443/a.png");

        assertThat(target.hostName()).contains("media_cdn.example.com");
    }

    @Test
    void hostNameIsLowerCasedForUrlsPrefixesAndHostsAndEmptyOtherwise() {
        assertThat(PurgeTarget.url("https://WWW.Example.com/A").hostName()).contains("www.example.com");
        assertThat(PurgeTarget.prefix("https://static.example.com/img/").hostName()).contains("static.example.com");
        assertThat(PurgeTarget.host("CDN.example.com").hostName()).contains("cdn.example.com");
        assertThat(PurgeTarget.tag("t").hostName()).isEmpty();
        assertThat(PurgeTarget.everything().hostName()).isEmpty();
    }

    @Test
    void aCpCodeReadFromTextIsTheSameTargetAsTheNumber() {
        assertThat(PurgeTarget.of(PurgeTarget.Kind.CP_CODE, "007")).isEqualTo(PurgeTarget.cpCode(7));
    }
}
