package io.cdnpurge.bucket4j;

import io.cdnpurge.CdnPurge;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.outbox.JdbcOutboxStore;
import io.cdnpurge.outbox.OutboxState;
import io.cdnpurge.outbox.PurgeOutbox;
import io.cdnpurge.spi.ForwardingPurgeClient;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of an application in a cluster, run in a JVM of its own by {@link ClusterTest}: it drains the
 * shared outbox through an Akamai client (the shared rate budget on or off) until nothing is left to send, printing
 * a line per batch, then exits. Its settings come from a properties file, so that no credential is on a command line.
 */
public final class ClusterWorkerMain {
    private ClusterWorkerMain() {
    }

    /** URLs the vendor accepted, as the outbox's listener counts them. */
    private static final AtomicInteger SENT = new AtomicInteger();

    /**
     * The client; with {@code holdAfter} set, once that many URLs are sent it holds the next batch after the vendor
     * accepted it and before the outbox records it, saying {@code holding}: the worst moment for the JVM to die.
     */
    private static PurgeClient holding(PurgeClient client, int holdAfter) {
        return new ForwardingPurgeClient(client) {
            @Override
            public PurgeResult purge(PurgeRequest request) {
                PurgeResult result = super.purge(request);
                if (holdAfter > 0 && SENT.get() >= holdAfter) {
                    System.out.println("holding " + request.targets().size());
                    try {
                        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("held for 60 s and not killed");
                }
                return result;
            }
        };
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            settings.load(in);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.getProperty("jdbcUrl"));
        Map<String, String> config = new HashMap<>();
        settings.stringPropertyNames().stream().filter(key -> key.startsWith("akamai."))
                .forEach(key -> config.put(key, settings.getProperty(key)));
        ClientOptions.Builder options = ClientOptions.builder().logging(false);
        if (Boolean.parseBoolean(settings.getProperty("sharedBudget"))) {
            options.sharedRateBudget(Bucket4jRateBudget.postgres(dataSource, settings.getProperty("budgetTable"),
                    Clock.systemUTC()));
        }
        JdbcOutboxStore store = JdbcOutboxStore.postgres(dataSource, settings.getProperty("outboxTable"));
        AtomicInteger sent = SENT;
        CountDownLatch empty = new CountDownLatch(1);
        try (PurgeClient akamai = CdnPurge.client("akamai", PurgeConfig.fromMap(config), options.build());
             PurgeOutbox outbox = PurgeOutbox.builder(holding(akamai, Integer.parseInt(
                     settings.getProperty("holdAfter", "0"))), store).worker(settings.getProperty("worker"))
                     .batchSize(Integer.parseInt(settings.getProperty("batchSize")))
                     .pollInterval(Duration.ofMillis(50)).listener(item -> {
                         if (item.state() == OutboxState.SUCCEEDED && sent.incrementAndGet() % 10 == 0) {
                             System.out.println("sent " + sent.get());
                         }
                     }).build()) {
            // ready: wait for the word to start, so that instances start together (at most 60 s)
            System.out.println("ready");
            java.util.concurrent.ExecutorService stdin = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<String> go = stdin.submit(() -> new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine());
                go.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no word to start within 60 s", e);
            } finally {
                stdin.shutdownNow();
            }
            outbox.start();
            System.out.println("started");
            // done when no item is left to send by anyone; the parent bounds the whole run
            while (!empty.await(100, TimeUnit.MILLISECONDS)) {
                if (store.pending() == 0) {
                    empty.countDown();
                }
            }
        }
        System.out.println("finished " + sent.get());
    }
}
