package com.smsbat.chathub.testing;

/** Closes what a test class started, in the order given, skipping what never started. */
public final class Closing {

    private Closing() {
    }

    /** Closes every non-null resource even when one fails; the first failure is thrown, the others added to it. */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
