package com.smsbat.chathub.internal.cache;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the library's background work, named {@code prefix-1}, {@code prefix-2}, ... so that a thread dump
 * says whose they are, and daemons so that they never keep a JVM alive: the application's undeploy stops them.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
