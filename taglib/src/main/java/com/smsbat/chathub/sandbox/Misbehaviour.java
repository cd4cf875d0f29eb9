package com.smsbat.chathub.sandbox;

/**
 * Where misbehaviour enters a sandbox: latency, hangs, canned answers and forced token encodings. Only the tests'
 * fault injector implements it, through {@link ChatHubSandbox#misbehave}, which is not public: the sandbox a
 * deployed application starts cannot be made to misbehave and always answers as ChatHub's reference pages show.
 */
interface Misbehaviour {

    /** The sandbox as shipped: every request gets its real answer at once. */
    Misbehaviour NONE = new Misbehaviour() {
    };

    /** An answer given instead of the real one. */
    static final class Canned {
        private final int status;
        private final String contentType;
        private final String body;

        Canned(int status, String contentType, String body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String contentType() {
            return contentType;
        }

        public String body() {
            return body;
        }
    }

    /**
     * Waits out the delay or hang set for {@code endpoint}, then gives the answer to send instead of the real one,
     * or {@code null} for the real one.
     */
    default Canned apply(SandboxEndpoint endpoint) throws InterruptedException {
        return null;
    }

    /** The encoding every get-token answer uses, or {@code null} to answer as the request's {@code Accept} asks. */
    default ChatHubSandbox.TokenEncoding tokenEncoding() {
        return null;
    }

    /** The sandbox is closing: ends every delay and hang in progress, for good. */
    default void releaseAll() {
    }
}
