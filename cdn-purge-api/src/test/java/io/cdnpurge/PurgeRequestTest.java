package io.cdnpurge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurgeRequestTest {

    @Test
    void rejectsARequestWithoutTargets() {
        assertThatThrownBy(() -> PurgeRequest.builder().build())
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("no targets");
    }

    @Test
    void rejectsAnIdempotencyKeyWithASpaceNamingIt() {
        assertThatThrownBy(() -> PurgeRequest.builder().idempotencyKey("publish 42"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("idempotencyKey 'publish 42'");
    }

    @Test
    void rejectsAnEmptyIdempotencyKey() {
        assertThatThrownBy(() -> PurgeRequest.builder().idempotencyKey(""))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("idempotencyKey ''");
    }

    @Test
    void rejectsAnIdempotencyKeyLongerThan128Characters() {
        String key = "k".repeat(129);

        assertThatThrownBy(() -> PurgeRequest.builder().idempotencyKey(key))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining(key);
    }

    @Test
    void rejectsAnIdempotencyKeyWithANonAsciiCharacter() {
        assertThatThrownBy(() -> PurgeRequest.builder().idempotencyKey("publié-42"))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'publié-42'");
    }

    @Test
    void keepsAValidIdempotencyKey() {
        PurgeRequest request = PurgeRequest.builder().tag("a").idempotencyKey("publish-article-42-v7").build();

        assertThat(request.idempotencyKey()).hasValue("publish-article-42-v7");
    }

    @Test
    void defaultsToInvalidateAndPurgeWithoutAnIdempotencyKey() {
        PurgeRequest request = PurgeRequest.builder().tag("a").build();

        assertThat(request.mode()).isEqualTo(PurgeMode.INVALIDATE);
        assertThat(request.action()).isEqualTo(PurgeAction.PURGE);
        assertThat(request.idempotencyKey()).isEmpty();
    }

    @Test
    void keepsTargetsInTheOrderGivenWithDuplicates() {
        PurgeRequest request = PurgeRequest.builder().tag("b").url("https://www.example.com/").tag("b").build();

        assertThat(request.targets()).containsExactly(PurgeTarget.tag("b"),
                PurgeTarget.url("https://www.example.com/"), PurgeTarget.tag("b"));
    }

    @Test
    void rejectsAnInvalidUrlInAListNamingIt() {
        List<String> urls = List.of("https://www.example.com/ok", "www.example.com/missing-scheme");

        assertThatThrownBy(() -> PurgeRequest.ofUrls(urls))
                .isInstanceOf(InvalidPurgeRequestException.class)
                .hasMessageContaining("'www.example.com/missing-scheme'");
    }

    @Test
    void exposesItsTargetsUnmodifiable() {
        PurgeRequest request = PurgeRequest.builder().tag("a").build();

        assertThatThrownBy(() -> request.targets().add(PurgeTarget.tag("b")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isNotChangedByLaterUseOfItsBuilder() {
        PurgeRequest.Builder builder = PurgeRequest.builder().tag("a");
        PurgeRequest request = builder.build();

        builder.tag("b").mode(PurgeMode.DELETE);

        assertThat(request.targets()).containsExactly(PurgeTarget.tag("a"));
        assertThat(request.mode()).isEqualTo(PurgeMode.INVALIDATE);
    }

    @Test
    void copiesTheTargetCollectionIn() {
        List<PurgeTarget> targets = new ArrayList<>(List.of(PurgeTarget.tag("a")));
        PurgeRequest request = PurgeRequest.builder().targets(targets).build();

        targets.add(PurgeTarget.tag("b"));

        assertThat(request.targets()).containsExactly(PurgeTarget.tag("a"));
    }

    @Test
    void isEqualToARequestWithTheSameTargetsModeActionAndKey() {
        PurgeRequest first = PurgeRequest.builder().tag("a").cpCode(5).mode(PurgeMode.DELETE)
                .idempotencyKey("k1").build();
        PurgeRequest second = PurgeRequest.builder().tag("a").cpCode(5).mode(PurgeMode.DELETE)
                .idempotencyKey("k1").build();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void differsFromARequestWithAnotherMode() {
        PurgeRequest invalidate = PurgeRequest.builder().tag("a").build();
        PurgeRequest delete = PurgeRequest.builder().tag("a").mode(PurgeMode.DELETE).build();

        assertThat(invalidate).isNotEqualTo(delete);
    }

    @Test
    void differsFromARequestWithAnotherIdempotencyKey() {
        PurgeRequest first = PurgeRequest.builder().tag("a").idempotencyKey("k1").build();
        PurgeRequest second = PurgeRequest.builder().tag("a").idempotencyKey("k2").build();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void toBuilderMakesAnEqualCopy() {
        PurgeRequest request = PurgeRequest.builder().host("www.example.com").action(PurgeAction.PREFETCH)
                .idempotencyKey("k").build();

        assertThat(request.toBuilder().build()).isEqualTo(request);
    }

    @Test
    void toBuilderLeavesTheOriginalUnchanged() {
        PurgeRequest request = PurgeRequest.builder().tag("a").build();

        request.toBuilder().tag("b").build();

        assertThat(request.targets()).containsExactly(PurgeTarget.tag("a"));
    }
}
