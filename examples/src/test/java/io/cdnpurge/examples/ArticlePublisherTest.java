package io.cdnpurge.examples;

import io.cdnpurge.testing.Failures;
import io.cdnpurge.testing.RecordingPurgeClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How an application tests its purge code: with the recording client, no CDN and no network. */
class ArticlePublisherTest {
    private final RecordingPurgeClient cdn = RecordingPurgeClient.create();
    private final ArticlePublisher publisher = new ArticlePublisher(cdn, "https://www.example.com");

    @Test
    void publishingPurgesTheArticleItsListingsAndItsTag() {
        assertThat(publisher.published(42, "tram-line-approved", "city")).isEmpty();

        assertThat(cdn.purgedUrls()).containsExactlyInAnyOrder(
                "https://www.example.com/news/tram-line-approved",
                "https://www.example.com/",
                "https://www.example.com/city/");
        assertThat(cdn.purgedTags()).containsExactly("article-42");
        assertThat(cdn.requests()).singleElement()
                .satisfies(request -> assertThat(request.idempotencyKey()).contains("publish-42"));
    }

    @Test
    void aCdnOutageIsReportedBackNotSwallowed() {
        cdn.failNextCalls(2, Failures.serverError());

        assertThat(publisher.published(42, "tram-line-approved", "city"))
                .hasSize(4)
                .allSatisfy(failure -> assertThat(failure.error()).isPresent());
    }
}
