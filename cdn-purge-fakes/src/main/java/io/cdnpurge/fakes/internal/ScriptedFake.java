package io.cdnpurge.fakes.internal;

import io.cdnpurge.fakes.FakeVendorApi;
import io.cdnpurge.testing.FakeClock;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a vendor fake shares: its server on loopback, a lock, a clock of its own, scripted answers for the next
 * requests (any request: a retry is a request), and the requests received. A subclass answers the rest in
 * {@link #answer}, under the lock.
 *
 * @param <F> the fake itself, for chained calls
 */
public abstract class ScriptedFake<F extends ScriptedFake<F>> implements FakeVendorApi {
    private final MockWebServer server = new MockWebServer();
    /** Guards every field of the fake and its subclass. */
    protected final Object lock = new Object();
    private final ArrayDeque<MockResponse> script = new ArrayDeque<>();
    private final List<String> requestLines = new ArrayList<>();
    private int requestCount;
    private Clock clock = new FakeClock();

    /** Starts the server on an ephemeral port of 127.0.0.1. */
    protected final void startServer(String vendor) {
        NoDelayServerSocketFactory.startOnLoopback(server, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (lock) {
                    requestCount++;
                    requestLines.add(request.getMethod() + " " + request.getTarget());
                    MockResponse scripted = script.poll();
                    return scripted != null ? scripted(request, scripted) : answer(request);
                }
            }
        }, vendor);
    }

    /** The base of the server's URLs, {@code http://127.0.0.1:PORT}. */
    protected final String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The answer to a request no script took, under the lock. */
    protected abstract MockResponse answer(RecordedRequest request);

    /** A scripted answer about to be sent (a subclass records it); under the lock. */
    protected MockResponse scripted(RecordedRequest request, MockResponse answer) {
        return answer;
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    /** The clock of the fake, shared with the clients made with {@link #options()}; a {@link FakeClock} unless set. */
    public F clock(Clock newClock) {
        synchronized (lock) {
            clock = Objects.requireNonNull(newClock, "clock cannot be null");
        }
        return self();
    }

    @Override
    public Clock clock() {
        synchronized (lock) {
            return clock;
        }
    }

    /** The next {@code requests} requests get this answer. */
    protected final F enqueue(int requests, MockResponse response) {
        if (requests < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + requests);
        }
        synchronized (lock) {
            for (int i = 0; i < requests; i++) {
                script.add(response);
            }
        }
        return self();
    }

    @Override
    public F stallNext(int requests) {
        return enqueue(requests, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }

    @Override
    public F disconnectNext(int requests) {
        return enqueue(requests, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }

    @Override
    public F answerNext(int requests, int httpStatus, Map<String, String> headers, String body) {
        MockResponse.Builder response = new MockResponse.Builder().code(httpStatus).body(body);
        headers.forEach(response::setHeader);
        return enqueue(requests, response.build());
    }

    @Override
    public List<String> requestLines() {
        synchronized (lock) {
            return List.copyOf(requestLines);
        }
    }

    @Override
    public int requestCount() {
        synchronized (lock) {
            return requestCount;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
