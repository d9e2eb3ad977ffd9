package io.cdnpurge.examples.boot;

import io.cdnpurge.PurgeClient;
import io.cdnpurge.TargetOutcome;
import io.cdnpurge.examples.ArticlePublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The CMS publish hook as a Spring service: the {@link PurgeClient} bean is the router the {@code cdnpurge.*}
 * properties describe, so an article's pages and tag are purged on every CDN its route names.
 */
@Service
public class PublishHook {
    private final ArticlePublisher publisher;

    @Autowired
    public PublishHook(PurgeClient cdn, @Value("${newsroom.site:https://www.example.com}") String site) {
        this.publisher = new ArticlePublisher(cdn, site);
    }

    /** Purges what shows the article; returns what was not purged, for the CMS to show and offer a retry. */
    public List<TargetOutcome> published(long articleId, String slug, String section) {
        return publisher.published(articleId, slug, section);
    }
}
