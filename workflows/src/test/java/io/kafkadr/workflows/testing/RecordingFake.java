package io.kafkadr.workflows.testing;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Base of the activity fakes: records every call (activities run on worker threads, hence the
 * concurrent collections) and throws failures scripted with {@link #failNext}.
 */
public abstract class RecordingFake {

    /** One activity invocation, attempts of retried activities included. */
    public record Call(String method, List<Object> args) {

        public Object arg(int index) {
            return args.get(index);
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<RuntimeException>> failures = new ConcurrentHashMap<>();
    private volatile Journal journal;
    private volatile String journalName;

    /** Also writes every call to {@code journal}, as {@code name.method}, to check the order across fakes. */
    public void journalTo(Journal journal, String name) {
        this.journal = journal;
        this.journalName = name;
    }

    /** The next call of {@code method} throws {@code failure} instead of answering. */
    public void failNext(String method, RuntimeException failure) {
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(failure);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public int count(String method) {
        return calls(method).size();
    }

    /** Records the call, then throws the failure scripted for it, if any. */
    protected void record(String method, Object... args) {
        Call call = new Call(method, Collections.unmodifiableList(Arrays.asList(args.clone())));
        calls.add(call);
        Journal shared = journal;
        if (shared != null) {
            shared.add(journalName, call);
        }
        Deque<RuntimeException> scripted = failures.get(method);
        RuntimeException failure = scripted == null ? null : scripted.poll();
        if (failure != null) {
            throw failure;
        }
    }

    /** Fails the test loudly (and without retries) when a test forgot to script an answer. */
    protected static ApplicationFailure notScripted(String what) {
        return ApplicationFailure.newNonRetryableFailure("test fake: no answer scripted for " + what,
                "FakeNotScripted");
    }
}
