package com.smsbat.chathub.internal.injection;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * One response on its way through the injector: whether it is a page, when it must be kept out of shared caches,
 * and whether the markup goes in, as the phases {@code UNDECIDED}, {@code SCANNING}, {@code INSERTED} and
 * {@code UNTOUCHED}. It decides as late as it can, because an application may set its status, content type and
 * length in any order until the response commits, and as early as it can when the response is not a page (see the
 * package documentation for the behaviour).
 *
 * <p>Every decision is made holding this object's lock (only the injector's own objects reach it) because an
 * asynchronous request may write from another thread while the filter thread is still returning. The
 * {@link InjectingResponse} reports what the application does to the response, each {@link Channel} what it
 * writes, and the filter the ends of the chain ({@link #finish}, {@link #continueAsync}, {@link #forwardBegins},
 * {@link #abandon}).
 */
final class Injection {

    private static final String INJECTED_HEADER = "X-ChatHub-Injected";
    /**
     * Units that may go to the container before the headers must be final: well below the point where
     * Tomcat (its buffer) or Jetty (its buffer, or any write over 8 KiB) commits, even at three bytes per char.
     */
    private static final int MAX_UNARMED_UNITS = 2048;

    private enum Phase {
        /** Nothing written yet: whether the response qualifies is still open. */
        UNDECIDED,
        SCANNING,
        INSERTED,
        /** Left as the application writes it. */
        UNTOUCHED
    }

    private final HttpServletRequest request;
    /** Read as a wrapper reads: whatever it wraps at the time (a container's include may slip its own in). */
    private final InjectingResponse response;
    private final HtmlInjector.Markup markup;
    /** The markup once asked for ({@code ""} for none): it is asked for at most once. */
    private String markupText;
    private Phase phase = Phase.UNDECIDED;
    /** {@code Cache-Control: private} is set: the response may carry a personal token when it commits. */
    private boolean armed;
    /**
     * The application (or a filter between it and us) declared an encoding: what it writes is compressed. An
     * encoding set further out, by a compressing filter around ours, does not count: it compresses our output.
     */
    private boolean encoded;
    /**
     * The end of the response is not observable (asynchronous, or inside a forward the filter does not see), so
     * nothing stays held between writes.
     */
    private boolean eager;
    /** The filter is running inside a forward of this request and will finish the response when it returns. */
    private boolean forwardPass;
    private long withheldLength = -1;
    /** Units the container may still get before {@link #arm()} must have run. */
    private long unitsBeforeArming;
    private Channel byteChannel;
    private Channel charChannel;
    /** The channel written last, whose scanner holds the page's end. */
    private Channel active;

    Injection(HttpServletRequest request, InjectingResponse response, HtmlInjector.Markup markup) {
        this.request = request;
        this.response = response;
        this.markup = markup;
    }

    // What the response wrapper reports.

    /** The channel over the container's stream or writer, made active; null when the response is left alone. */
    synchronized Channel channel(ServletOutputStream containerStream, PrintWriter containerWriter) {
        Channel channel = containerStream != null ? byteChannel : charChannel;
        if (channel == null) {
            if (ruledOut()) {
                return null;
            }
            channel = new Channel(this, containerStream, containerWriter);
            if (containerStream != null) {
                byteChannel = channel;
            } else {
                charChannel = channel;
            }
        }
        active = channel;
        return channel;
    }

    /** A type other than HTML settles the response at once: its length and headers then pass straight on. */
    synchronized void typeOtherThanHtml() {
        if (phase == Phase.UNDECIDED) {
            leaveUntouched();
        }
    }

    synchronized void resetBuffer() {
        forgetBufferedOutput();
    }

    synchronized void reset() {
        if (!response.isCommitted()) {
            forgetOutput();
            phase = Phase.UNDECIDED;
            armed = false;
            encoded = false;
            withheldLength = -1;
        }
    }

    /** {@code sendError} or {@code sendRedirect}: the container writes the body. */
    synchronized void containerTakesOver() {
        if (!response.isCommitted()) {
            forgetOutput();
            leaveUntouched();
        }
    }

    /** Whether a Content-Length is held back rather than passed on: always, unless the response is left alone. */
    synchronized boolean withholdLength(long length) {
        if (phase == Phase.UNTOUCHED) {
            return false;
        }
        if (phase != Phase.INSERTED) {
            withheldLength = Math.max(length, -1);
        }
        return true;
    }

    synchronized void contentEncodingSet() {
        encoded = true;
    }

    /** After the application changed Cache-Control: an armed page stays private, with its directives. */
    synchronized void cacheControlSet() {
        if (armed) {
            CacheHeaders.keepOutOfSharedCaches(container());
        }
    }

    // What the filter reports.

    /** The application is done with the response (the filter chain returned, or it closed the output). */
    synchronized void finish() throws IOException {
        if (phase == Phase.SCANNING && active != null) {
            active.scanner.finish();
        }
        if (phase == Phase.UNDECIDED || phase == Phase.SCANNING) {
            leaveUntouched();
        }
    }

    /** The request went asynchronous: from now on any write may be the last one. */
    synchronized void continueAsync() throws IOException {
        eager = true;
        if (phase == Phase.SCANNING && active != null) {
            active.scanner.endOfWrite();
        }
    }

    /**
     * The filter runs again inside a forward of this request: the container discarded its buffer for the new
     * resource, and after the forward it may end the response without a word to wrappers (Tomcat 11 suspends
     * its own response object), so the filter finishes this one when the forward's chain returns.
     */
    synchronized void forwardBegins() {
        forwardPass = true;
        forgetBufferedOutput();
    }

    /** The application failed: pass on what it wrote, add nothing. */
    synchronized void abandon() throws IOException {
        if (phase == Phase.SCANNING && active != null) {
            active.scanner.release();
        }
        if (phase == Phase.UNDECIDED || phase == Phase.SCANNING) {
            leaveUntouched();
        }
    }

    // What the channels report.

    /** The application wrote units {@code [from, to)}: scanned if the response is a page, else passed on. */
    synchronized void write(Channel channel, Object units, int from, int to) throws IOException {
        if (scanning()) {
            channel.scanner.write(units, from, to);
            if (!eager && !forwardPass && request.getDispatcherType() == DispatcherType.FORWARD) {
                // A forward the filter is not mapped to: the response may end, unseen, when the forward returns.
                eager = true;
            }
            if (eager) {
                channel.scanner.endOfWrite();
            }
        } else {
            channel.send(units, from, to);
        }
    }

    /** Before the container's output is flushed: a held {@code </body>} gets the markup, and the page is armed. */
    synchronized void flush() throws IOException {
        if (scanning() && active != null) {
            active.scanner.flush();
        }
        if (phase == Phase.SCANNING) {
            arm();
        }
    }

    /**
     * Non-blocking writes must each be one container write, and the end of the response is not observable:
     * the page is settled now, while writes still block, and later writes pass through untouched.
     */
    synchronized void nonBlockingFrom(Channel channel) throws IOException {
        if (scanning()) {
            channel.scanner.flush();
            channel.scanner.release();
        }
        if (phase == Phase.SCANNING) {
            leaveUntouched();
        }
    }

    /** Counts units on their way to the container, which may commit the response once it has enough. */
    void beforeDownstream(int units) {
        if (!armed) {
            unitsBeforeArming -= units;
            if (unitsBeforeArming < 0) {
                arm();
            }
        }
    }

    /**
     * At the {@code </body>} that is to get the markup: the markup, or null when nothing is to be inserted. Only
     * a response not yet committed can still say that it got the markup.
     */
    String markupToInsert() {
        if (!eligible() || (!armed && response.isCommitted())) {
            leaveUntouched();
            return null;
        }
        if (markupText == null) {
            String supplied = markup.get();
            markupText = supplied == null ? "" : supplied;
        }
        if (markupText.isEmpty()) {
            leaveUntouched();
            return null;
        }
        arm();
        if (!response.isCommitted()) {
            container().setHeader(INJECTED_HEADER, "1");
        }
        phase = Phase.INSERTED;
        return markupText;
    }

    String characterEncoding() {
        return response.getCharacterEncoding();
    }

    // The decisions, all made holding this object's lock.

    /** Whether the response is settled as one to leave alone, deciding so now if it already cannot qualify. */
    private boolean ruledOut() {
        // Without a type yet the response may still become a page: it is decided at its first write.
        if (phase == Phase.UNDECIDED && (response.isCommitted()
                || !qualifies(response.getContentType() == null || PageHeaders.isHtml(response.getContentType())))) {
            leaveUntouched();
        }
        return phase == Phase.UNTOUCHED;
    }

    /**
     * Whether the response is scanned for its end, deciding at its first write: an HTML page of status 200, not
     * yet committed, whose user may get markup at all (asked once, here).
     */
    private boolean scanning() {
        if (phase == Phase.UNDECIDED) {
            if (!response.isCommitted() && eligible() && markup.wanted()) {
                phase = Phase.SCANNING;
                unitsBeforeArming = Math.min(response.getBufferSize() / 4, MAX_UNARMED_UNITS);
            } else {
                leaveUntouched();
            }
        }
        return phase == Phase.SCANNING;
    }

    /** The container's buffer is discarded, and with it anything held or inserted so far. */
    private void forgetBufferedOutput() {
        if (!response.isCommitted()) {
            forgetOutput();
            if (phase == Phase.INSERTED) {
                phase = Phase.SCANNING;
            }
        }
    }

    private void forgetOutput() {
        if (active != null) {
            active.scanner.reset();
        }
        if (phase == Phase.SCANNING) {
            unitsBeforeArming = Math.min(response.getBufferSize() / 4, MAX_UNARMED_UNITS);
        }
    }

    private void leaveUntouched() {
        phase = Phase.UNTOUCHED;
        if (withheldLength >= 0 && !response.isCommitted()) {
            container().setContentLengthLong(withheldLength);
        }
        withheldLength = -1;
    }

    /** Whether the response, as it stands, is one the markup may go into. */
    private boolean eligible() {
        return qualifies(PageHeaders.isHtml(response.getContentType()));
    }

    /** The response the wrapper wraps, which headers go to and are read from (a filter around us may set them). */
    private HttpServletResponse container() {
        return (HttpServletResponse) response.getResponse();
    }

    private boolean qualifies(boolean htmlType) {
        return PageHeaders.qualifies(container(), htmlType, encoded, byteChannel != null);
    }

    /**
     * Keeps the page out of shared caches before the container can commit it, which may happen long before the
     * {@code </body>}: the page may get a personal token.
     */
    private void arm() {
        if (armed || response.isCommitted() || !eligible()) {
            return;
        }
        armed = true;
        CacheHeaders.keepOutOfSharedCaches(container());
    }
}
