package io.cdnpurge.bucket4j;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.fakes.akamai.AkamaiPurgeCall;
import io.cdnpurge.fakes.akamai.FakeAkamaiApi;
import io.cdnpurge.outbox.JdbcOutboxStore;
import io.cdnpurge.outbox.OutboxState;
import io.cdnpurge.outbox.OutboxStatus;
import io.cdnpurge.outbox.PurgeOutbox;
import io.cdnpurge.testing.RecordingPurgeClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of an application in JVMs of their own ({@link ClusterWorkerMain}) sharing one PostgreSQL (started by
 * the test) for their outbox and their rate budget, purging through the Akamai fake, which enforces the account's
 * token buckets as Fast Purge does (100 requests, refilled at 50 a second) and answers 429 past them.
 */
class ClusterTest {
    /** URLs of the kill test, sent 10 a call. */
    private static final int URLS = 2_000;
    /** URLs of the two-JVM test, about 20 a call (bodies of at most 1,000 bytes), four calls at once per JVM. */
    private static final int CLUSTER_URLS = 6_000;
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void twoJvmsDrainingOneOutboxSendEveryItemOnceAndStayWithinTheAccountsBudget() throws Exception {
        Run shared = drainWithTwoJvms("shared", true);
        Run separate = drainWithTwoJvms("separate", false);

        System.out.printf("two JVMs, %,d URLs in calls of about 20: shared budget %d calls, %d throttled, %.1f s; "
                        + "each its own limits %d calls, %d throttled, %.1f s%n", CLUSTER_URLS, shared.calls,
                shared.throttled, shared.seconds, separate.calls, separate.throttled, separate.seconds);
        assertThat(shared.throttled).as("429s with the shared budget").isZero();
        assertThat(shared.calls).as("more than the account's burst of 100").isGreaterThan(200);
        assertThat(separate.throttled).as("the fake enforces the account's bucket: without the budget, 429s")
                .isPositive();
    }

    @Test
    void aWorkerKilledWithSigkillMidDrainLosesNothing() throws Exception {
        try (FakeAkamaiApi akamai = FakeAkamaiApi.start().clock(Clock.systemUTC())) {
            String table = "outbox_killed";
            String ticket = enqueue(table, URLS);
            // the first run holds a batch once 300 URLs are sent, after Akamai accepted it and before the outbox
            // records it: killed there, it dies at the worst moment
            Properties settings = settings(akamai, table, "budget_killed", false, "node-1");
            settings.setProperty("holdAfter", "300");
            Worker first = new Worker(dir, "node-1-first", settings);
            first.go();
            assertThat(first.holding()).as("the first run sends 300 URLs and holds the next batch").isTrue();
            first.process.destroyForcibly();   // SIGKILL: no shutdown hook, no close
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            JdbcOutboxStore store = JdbcOutboxStore.postgres(postgres.getPostgresDatabase(), table);
            OutboxStatus killed = PurgeOutbox.builder(RecordingPurgeClient.create(), store).build().status(ticket);

            settings.setProperty("holdAfter", "0");
            Worker restarted = new Worker(dir, "node-1-restarted", settings);
            restarted.go();
            assertThat(restarted.finished(120)).isTrue();

            OutboxStatus after = PurgeOutbox.builder(RecordingPurgeClient.create(), store).build().status(ticket);
            Map<String, Integer> accepted = accepted(akamai);
            long twice = accepted.values().stream().filter(times -> times > 1).count();
            System.out.printf("kill -9 mid-drain: at the kill %d SUCCEEDED, %d IN_FLIGHT (the killed JVM's claim), %d "
                            + "QUEUED; after the restart %d of %,d SUCCEEDED, 0 lost, %d URLs sent twice (the batch "
                            + "Akamai accepted as the JVM died)%n",
                    killed.count(OutboxState.SUCCEEDED), killed.count(OutboxState.IN_FLIGHT),
                    killed.count(OutboxState.QUEUED), after.count(OutboxState.SUCCEEDED), URLS, twice);
            assertThat(killed.count(OutboxState.SUCCEEDED)).isBetween(300L, URLS - 1L);
            assertThat(killed.count(OutboxState.IN_FLIGHT)).as("killed holding a claim").isEqualTo(10);
            assertThat(after.done()).isTrue();
            assertThat(after.count(OutboxState.SUCCEEDED)).isEqualTo(URLS);
            assertThat(accepted).hasSize(URLS);
            assertThat(twice).as("the batch accepted but not recorded, sent again").isEqualTo(10);
        }
    }

    /** A drain of {@link #URLS} by two worker JVMs at once. */
    private Run drainWithTwoJvms(String name, boolean sharedBudget) throws Exception {
        try (FakeAkamaiApi akamai = FakeAkamaiApi.start().clock(Clock.systemUTC())) {
            String table = "outbox_" + name;
            String ticket = enqueue(table, CLUSTER_URLS);
            long start = System.nanoTime();
            Worker a = new Worker(dir, name + "-a", clusterSettings(akamai, table, "budget_" + name, sharedBudget,
                    "a"));
            Worker b = new Worker(dir, name + "-b", clusterSettings(akamai, table, "budget_" + name, sharedBudget,
                    "b"));
            // both JVMs up, then both told to start at once
            assertThat(a.ready() && b.ready()).as("both workers ready").isTrue();
            a.go();
            b.go();
            assertThat(a.finished(120)).as("worker a finished").isTrue();
            assertThat(b.finished(120)).as("worker b finished").isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;

            JdbcOutboxStore store = JdbcOutboxStore.postgres(postgres.getPostgresDatabase(), table);
            OutboxStatus status = PurgeOutbox.builder(RecordingPurgeClient.create(), store).build().status(ticket);
            assertThat(status.count(OutboxState.SUCCEEDED)).isEqualTo(CLUSTER_URLS);
            Map<String, Integer> accepted = accepted(akamai);
            assertThat(accepted).hasSize(CLUSTER_URLS).allSatisfy((url, times) -> assertThat(times).as(url)
                    .isEqualTo(1));
            assertThat(a.sent() + b.sent()).isEqualTo(CLUSTER_URLS);
            long calls = akamai.purgeCalls().stream().filter(call -> call.status() == 201).count();
            long throttled = akamai.purgeCalls().stream().filter(call -> call.status() == 429).count();
            return new Run(calls, throttled, seconds);
        }
    }

    private static String enqueue(String table, int count) {
        JdbcOutboxStore store = JdbcOutboxStore.postgres(postgres.getPostgresDatabase(), table);
        PurgeRequest.Builder request = PurgeRequest.builder();
        for (int i = 0; i < count; i++) {
            request.url("https://www.example.com/" + table + "/" + i);
        }
        // enqueueing sends nothing: any client will do
        return PurgeOutbox.builder(RecordingPurgeClient.create(), store).build().enqueue(request.build());
    }

    private static Properties settings(FakeAkamaiApi akamai, String table, String budgetTable, boolean shared,
                                       String worker) {
        Properties settings = new Properties();
        settings.putAll(akamai.clientConfig());
        settings.setProperty("jdbcUrl", postgres.getJdbcUrl("postgres", "postgres"));
        settings.setProperty("outboxTable", table);
        settings.setProperty("budgetTable", budgetTable);
        settings.setProperty("sharedBudget", Boolean.toString(shared));
        settings.setProperty("worker", worker);
        settings.setProperty("batchSize", "10");
        return settings;
    }

    private static Properties clusterSettings(FakeAkamaiApi akamai, String table, String budgetTable,
                                              boolean shared, String worker) {
        Properties settings = settings(akamai, table, budgetTable, shared, worker);
        settings.setProperty("batchSize", "200");
        settings.setProperty("akamai.maxBodyBytes", "1000");
        settings.setProperty("akamai.concurrency", "4");
        return settings;
    }

    /** How many times the fake accepted each URL. */
    private static Map<String, Integer> accepted(FakeAkamaiApi akamai) {
        Map<String, Integer> times = new HashMap<>();
        for (AkamaiPurgeCall call : akamai.purgeCalls()) {
            if (call.status() == 201) {
                call.objects().forEach(url -> times.merge(url, 1, Integer::sum));
            }
        }
        return times;
    }

    private static final class Run {
        final long calls;
        final long throttled;
        final double seconds;

        Run(long calls, long throttled, double seconds) {
            this.calls = calls;
            this.throttled = throttled;
            this.seconds = seconds;
        }
    }

    /** A worker JVM and what it printed, read on a thread of its own. */
    private static final class Worker {
        final Process process;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch finished = new CountDownLatch(1);
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch holding = new CountDownLatch(1);

        Worker(Path dir, String name, Properties settings) throws IOException {
            Path file = dir.resolve(name + ".properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                settings.store(out, null);
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ClusterWorkerMain.class.getName(), file.toString()).redirectErrorStream(true).start();
            Thread reader = new Thread(this::read, "worker-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("holding ")) {
                        holding.countDown();
                    }
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                    if (line.startsWith("finished ")) {
                        finished.countDown();
                    }
                }
            } catch (IOException e) {
                // the JVM was killed: its output ends here
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        }

        /** Waits (at most 60 s) until the worker is up and waiting for the word to start. */
        boolean ready() throws InterruptedException {
            return ready.await(60, TimeUnit.SECONDS);
        }

        /** The word to start draining. */
        void go() throws IOException {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** Waits (at most 60 s) until the worker holds a batch the vendor accepted. */
        boolean holding() throws InterruptedException {
            return holding.await(60, TimeUnit.SECONDS);
        }

        /** Waits at most this long for the worker to finish and exit; its output is shown when it does not. */
        boolean finished(int seconds) throws InterruptedException {
            boolean done = finished.await(seconds, TimeUnit.SECONDS) && process.waitFor(30, TimeUnit.SECONDS);
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                System.out.println(String.join("\n", lines));
                return false;
            }
            return true;
        }

        int sent() {
            synchronized (lines) {
                for (String line : lines) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                    if (line.startsWith("finished ")) {
                        return Integer.parseInt(line.substring(9));
                    }
                }
            }
            return -1;
        }
    }
}
