package io.cdnpurge.examples;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.TargetOutcome;

import java.util.List;
import java.util.Objects;

/**
 * A CMS publish hook: after an article is saved, purge what shows it. It depends only on {@link PurgeClient},
 * so production wires a Cloudflare (or any) client and tests wire a {@code RecordingPurgeClient}.
 */
public final class ArticlePublisher {
    private final PurgeClient cdn;
    private final String site;

    public ArticlePublisher(PurgeClient cdn, String site) {
        this.cdn = Objects.requireNonNull(cdn, "cdn cannot be null");
        this.site = Objects.requireNonNull(site, "site cannot be null");
    }

    /**
     * Purges the article page, the front page, its section and its tag. Returns the targets that were not purged
     * (empty when all went well), so the CMS can show them and offer a retry.
     */
    public List<TargetOutcome> published(long articleId, String slug, String section) {
        PurgeRequest request = PurgeRequest.builder()
                .url(site + "/news/" + slug)
                .url(site + "/")
                .url(site + "/" + section + "/")
                .tag("article-" + articleId)
                .idempotencyKey("publish-" + articleId)
                .build();
        PurgeResult result = cdn.purge(request);
        return result.failures();
    }
}
