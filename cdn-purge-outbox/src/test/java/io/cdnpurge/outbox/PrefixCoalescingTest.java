package io.cdnpurge.outbox;

import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.testing.FakeClock;
import io.cdnpurge.testing.RecordingPurgeClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prefix coalescing, asked for: a directory's URLs in a batch purged as one prefix when the vendor can. */
class PrefixCoalescingTest {
    private static EmbeddedPostgres postgres;
    private final FakeClock clock = new FakeClock();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private RecordingPurgeClient vendor(String kinds) {
        return RecordingPurgeClient.create(PurgeConfig.fromMap(Map.of("memory.kinds", kinds)),
                ClientOptions.builder().clock(clock).sleeper(clock.sleeper()).logging(false).build());
    }

    private static PurgeRequest pages() {
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < 5; i++) {
            request.url("https://www.example.com/news/" + i + ".html");
        }
        return request.url("https://www.example.com/about/team.html").url("https://www.example.com/index.html")
                .target(PurgeTarget.url("https://www.example.com/news/5.html", Map.of("Accept-Language", "de")))
                .build();
    }

    @Test
    void aDirectorysUrlsArePurgedAsOnePrefixWhenAskedAndTheVendorCan() {
        RecordingPurgeClient vendor = vendor("url,prefix");
        PurgeOutbox outbox = PurgeOutbox.builder(vendor, JdbcOutboxStore.postgres(postgres.getPostgresDatabase(),
                "prefixes_on")).clock(clock).sleeper(clock.sleeper()).coalescePrefixes(3).build();
        String ticket = outbox.enqueue(pages());

        assertThat(outbox.drainOnce()).isEqualTo(8);

        assertThat(vendor.purged(PurgeTarget.Kind.PREFIX)).containsExactly("https://www.example.com/news/");
        assertThat(vendor.purgedUrls()).containsExactlyInAnyOrder("https://www.example.com/about/team.html",
                "https://www.example.com/index.html", "https://www.example.com/news/5.html");
        assertThat(outbox.status(ticket).count(OutboxState.SUCCEEDED)).isEqualTo(8);
    }

    @Test
    void urlsStayUrlsWhenTheVendorCannotPurgePrefixesOrNobodyAsked() {
        RecordingPurgeClient urlsOnly = vendor("url");
        PurgeOutbox outbox = PurgeOutbox.builder(urlsOnly, JdbcOutboxStore.postgres(postgres.getPostgresDatabase(),
                "prefixes_unsupported")).clock(clock).sleeper(clock.sleeper()).coalescePrefixes(3).build();
        outbox.enqueue(pages());
        outbox.drainOnce();
        assertThat(urlsOnly.purgedUrls()).hasSize(8);

        RecordingPurgeClient both = vendor("url,prefix");
        PurgeOutbox plain = PurgeOutbox.builder(both, JdbcOutboxStore.postgres(postgres.getPostgresDatabase(),
                "prefixes_off")).clock(clock).sleeper(clock.sleeper()).build();
        plain.enqueue(pages());
        plain.drainOnce();
        assertThat(both.purged(PurgeTarget.Kind.PREFIX)).isEmpty();
        assertThat(both.purgedUrls()).hasSize(8);

        assertThatThrownBy(() -> PurgeOutbox.builder(both, JdbcOutboxStore.postgres(postgres.getPostgresDatabase(),
                "prefixes_off")).coalescePrefixes(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
