package io.cdnpurge;

import io.cdnpurge.spi.PurgeEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A fake clock, a recording sleeper, a recording listener and a scripted backend, wired into engine clients that
 * never sleep and never reach the network. Close it after each test to release the clients' threads.
 */
public final class EngineHarness implements AutoCloseable {
    public final FakeClock clock = new FakeClock();
    public final RecordingSleeper sleeper = new RecordingSleeper(clock);
    public final RecordingListener listener = new RecordingListener();
    public final ScriptedBackend backend = new ScriptedBackend();
    private final List<PurgeClient> clients = new ArrayList<>();

    /** Options with the fake clock and sleeper, a seeded random, no SLF4J logging and the recording listener. */
    public ClientOptions.Builder options() {
        return ClientOptions.builder().clock(clock).sleeper(sleeper).random(new Random(42)).logging(false)
                .listener(listener);
    }

    public PurgeClient client() {
        return client(Map.of());
    }

    /** A client of the scripted backend; keys are relative to the provider id ({@code maxAttempts}). */
    public PurgeClient client(Map<String, ?> engineKeys) {
        return client(engineKeys, options().build());
    }

    public PurgeClient client(Map<String, ?> engineKeys, ClientOptions options) {
        Map<String, Object> config = engineKeys.entrySet().stream()
                .collect(Collectors.toMap(entry -> ScriptedBackend.ID + "." + entry.getKey(), Map.Entry::getValue));
        PurgeClient client = PurgeEngine.client(backend, PurgeConfig.fromMap(config), options);
        clients.add(client);
        return client;
    }

    /** {@code count} distinct URLs {@code https://www.example.com/page/<i>}. */
    public static List<String> urls(int count) {
        return IntStream.range(0, count).mapToObj(i -> "https://www.example.com/page/" + i)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        clients.forEach(PurgeClient::close);
    }
}
