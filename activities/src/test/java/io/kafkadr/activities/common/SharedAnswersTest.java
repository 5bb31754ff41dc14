package io.kafkadr.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedAnswersTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SharedAnswers<String, Integer> answers = new SharedAnswers<>(Duration.ofMillis(500), now::get);
    private final AtomicInteger fetches = new AtomicInteger();

    private Integer fetch() {
        return fetches.incrementAndGet();
    }

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void callersWithinTheWindowShareOneAnswer() {
        assertEquals(1, answers.get("c", this::fetch));
        advanceMillis(200);
        assertEquals(1, answers.get("c", this::fetch));
        advanceMillis(300);
        assertEquals(1, answers.get("c", this::fetch), "exactly the window: still fresh");
        assertEquals(1, fetches.get());
    }

    @Test
    void aCallerPastTheWindowFetchesAgain() {
        answers.get("c", this::fetch);
        advanceMillis(501);
        assertEquals(2, answers.get("c", this::fetch));
        assertEquals(2, fetches.get());
    }

    @Test
    void keysDoNotShare() {
        assertEquals(1, answers.get("a", this::fetch));
        assertEquals(2, answers.get("b", this::fetch));
    }

    @Test
    void aFailedFetchIsNotKept() {
        answers.get("c", this::fetch);
        advanceMillis(600);
        assertThrows(IllegalStateException.class, () -> answers.get("c", () -> {
            throw new IllegalStateException("connect down");
        }));
        advanceMillis(1);
        assertEquals(2, answers.get("c", this::fetch), "the next caller fetches");
    }

    @Test
    void callersThatWaitedForAFailedFetchFailWithItWithoutFetching() throws Exception {
        SharedAnswers<String, Integer> real = new SharedAnswers<>(Duration.ofMillis(500), System::nanoTime);
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        IllegalStateException down = new IllegalStateException("connect down");
        AtomicReference<Throwable> firstGot = new AtomicReference<>();
        AtomicReference<Throwable> waitingGot = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                real.get("c", () -> {
                    fetching.countDown();
                    try {
                        fail.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    throw down;
                });
            } catch (RuntimeException e) {
                firstGot.set(e);
            }
        });
        Thread waiting = new Thread(() -> {
            try {
                real.get("c", this::fetch);
            } catch (RuntimeException e) {
                waitingGot.set(e);
            }
        });
        first.start();
        fetching.await();
        waiting.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiting.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            Thread.sleep(5); // until the second caller waits for the fetch in flight
        }
        fail.countDown();
        first.join(10_000);
        waiting.join(10_000);
        assertEquals(down, firstGot.get());
        assertEquals(down, waitingGot.get());
        assertEquals(0, fetches.get(), "the waiting caller did not fetch after the failure");
        assertEquals(1, real.get("c", this::fetch), "a caller asking afterwards fetches again");
    }

    @Test
    void freshnessCountsFromWhenTheFetchBegan() {
        assertEquals(1, answers.get("c", () -> {
            advanceMillis(400); // a slow REST call
            return fetch();
        }));
        advanceMillis(200); // 600 ms after the fetch began
        assertEquals(2, answers.get("c", this::fetch));
    }

    @Test
    void concurrentCallersMakeOneCallInFlight() throws Exception {
        SharedAnswers<String, Integer> real = new SharedAnswers<>(Duration.ofSeconds(30), System::nanoTime);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> got = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return real.get("c", () -> {
                        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Waiting.pause(Duration.ofMillis(50));
                        inFlight.decrementAndGet();
                        return fetch();
                    });
                }));
            }
            go.countDown();
            for (Future<Integer> f : got) {
                assertEquals(1, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get(), "one REST call for 50 callers");
        assertEquals(1, mostInFlight.get());
    }
}
