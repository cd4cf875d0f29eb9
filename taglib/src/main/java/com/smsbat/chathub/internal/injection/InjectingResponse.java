package com.smsbat.chathub.internal.injection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The response an application writes while {@link HtmlInjector} may insert markup into it. It decides as late
 * as it can, because an application may set its status, content type and length in any order until the
 * response commits, and as early as it can when the response is not a page: see {@link HtmlInjector} for the
 * behaviour this implements.
 *
 * <p>Output calls are serialised on one lock because an asynchronous request may write from another thread
 * while the filter thread is still returning.
 *
 * <p>Comes with a request to pass down the chain alongside it: see {@link #request()}.
 */
final class InjectingResponse extends HttpServletResponseWrapper {

    private static final String INJECTED_HEADER = "X-ChatHub-Injected";
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String CONTENT_ENCODING = "Content-Encoding";
    private static final String CONTENT_DISPOSITION = "Content-Disposition";
    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    /**
     * Units that may go to the container before the headers must be final: well below the point where
     * Tomcat (its buffer) or Jetty (its buffer, or any write over 8 KiB) commits, even at three bytes per char.
     */
    private static final int MAX_UNARMED_UNITS = 2048;
    private static final String ASCII = asciiCharacters();

    private enum Phase {
        /** Nothing written yet: whether the response qualifies is still open. */
        UNDECIDED,
        SCANNING,
        INSERTED,
        /** Left as the application writes it. */
        UNTOUCHED
    }

    private final Object guard = new Object();
    private final HttpServletRequest request;
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

    InjectingResponse(HttpServletRequest request, HttpServletResponse response, HtmlInjector.Markup markup) {
        super(response);
        this.request = new AsyncThroughInjection(request);
        this.markup = markup;
    }

    /**
     * The request to pass down with this response. A plain {@code startAsync()} on it starts asynchronous
     * processing with this response, so that {@code AsyncContext.getResponse()} and async dispatches write
     * through it; the original request would hand out the container's own response and bypass the injection.
     */
    HttpServletRequest request() {
        return request;
    }

    /** A response already known not to be a page gets the container's own stream, and costs nothing more. */
    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream containerStream = getResponse().getOutputStream();
        Channel channel = channel(containerStream, null);
        return channel == null ? containerStream : (ServletOutputStream) channel.facade;
    }

    /** A response already known not to be a page gets the container's own writer, and costs nothing more. */
    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter containerWriter = getResponse().getWriter();
        Channel channel = channel(null, containerWriter);
        return channel == null ? containerWriter : (PrintWriter) channel.facade;
    }

    /** The channel over the container's stream or writer, made active; null when the response is left alone. */
    private Channel channel(ServletOutputStream containerStream, PrintWriter containerWriter) {
        synchronized (guard) {
            Channel channel = containerStream != null ? byteChannel : charChannel;
            if (channel == null) {
                if (ruledOut()) {
                    return null;
                }
                channel = new Channel(containerStream, containerWriter);
                if (containerStream != null) {
                    byteChannel = channel;
                } else {
                    charChannel = channel;
                }
            }
            active = channel;
            return channel;
        }
    }

    /** A type other than HTML settles the response at once: its length and headers then pass straight on. */
    @Override
    public void setContentType(String type) {
        super.setContentType(type);
        if (type != null && !isHtml(type)) {
            synchronized (guard) {
                if (phase == Phase.UNDECIDED) {
                    leaveUntouched();
                }
            }
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        flushScanner();
        super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
        synchronized (guard) {
            forgetBufferedOutput();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        synchronized (guard) {
            if (!isCommitted()) {
                forgetOutput();
                phase = Phase.UNDECIDED;
                armed = false;
                encoded = false;
                withheldLength = -1;
            }
        }
        super.reset();
    }

    @Override
    public void sendError(int status) throws IOException {
        containerTakesOver();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        containerTakesOver();
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        containerTakesOver();
        super.sendRedirect(location);
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!withholdLength(length)) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!intercepted(name, value)) {
            super.setHeader(name, value);
            afterHeader(name);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!intercepted(name, value)) {
            super.addHeader(name, value);
            afterHeader(name);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (!intercepted(name, Integer.toString(value))) {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (!intercepted(name, Integer.toString(value))) {
            super.addIntHeader(name, value);
        }
    }

    /** The application is done with the response (the filter chain returned, or it closed the output). */
    void finish() throws IOException {
        synchronized (guard) {
            if (phase == Phase.SCANNING && active != null) {
                active.scanner.finish();
            }
            if (phase == Phase.UNDECIDED || phase == Phase.SCANNING) {
                leaveUntouched();
            }
        }
    }

    /** The request went asynchronous: from now on any write may be the last one. */
    void continueAsync() throws IOException {
        synchronized (guard) {
            eager = true;
            if (phase == Phase.SCANNING && active != null) {
                active.scanner.endOfWrite();
            }
        }
    }

    /**
     * The filter runs again inside a forward of this request: the container discarded its buffer for the new
     * resource, and after the forward it may end the response without a word to wrappers (Tomcat 11 suspends
     * its own response object), so the filter finishes this one when the forward's chain returns.
     */
    void forwardBegins() {
        synchronized (guard) {
            forwardPass = true;
            forgetBufferedOutput();
        }
    }

    /** The application failed: pass on what it wrote, add nothing. */
    void abandon() throws IOException {
        synchronized (guard) {
            if (phase == Phase.SCANNING && active != null) {
                active.scanner.release();
            }
            if (phase == Phase.UNDECIDED || phase == Phase.SCANNING) {
                leaveUntouched();
            }
        }
    }

    /** Whether the response is settled as one to leave alone, deciding so now if it already cannot qualify. */
    private boolean ruledOut() {
        // Without a type yet the response may still become a page: it is decided at its first write.
        if (phase == Phase.UNDECIDED && (isCommitted() || !eligibleIf(getContentType() == null || eligibleType()))) {
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
            if (!isCommitted() && eligible() && markup.wanted()) {
                phase = Phase.SCANNING;
                unitsBeforeArming = Math.min(getBufferSize() / 4, MAX_UNARMED_UNITS);
            } else {
                leaveUntouched();
            }
        }
        return phase == Phase.SCANNING;
    }

    private void afterWrite(BodyEndScanner scanner) throws IOException {
        if (!eager && !forwardPass && request.getDispatcherType() == DispatcherType.FORWARD) {
            // A forward the filter is not mapped to: the response may end, unseen, when the forward returns.
            eager = true;
        }
        if (eager) {
            scanner.endOfWrite();
        }
    }

    private void flushScanner() throws IOException {
        synchronized (guard) {
            if (scanning() && active != null) {
                active.scanner.flush();
            }
            if (phase == Phase.SCANNING) {
                arm();
            }
        }
    }

    private void containerTakesOver() {
        synchronized (guard) {
            if (!isCommitted()) {
                forgetOutput();
                leaveUntouched();
            }
        }
    }

    /** The container's buffer is discarded, and with it anything held or inserted so far. */
    private void forgetBufferedOutput() {
        if (!isCommitted()) {
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
            unitsBeforeArming = Math.min(getBufferSize() / 4, MAX_UNARMED_UNITS);
        }
    }

    private void leaveUntouched() {
        phase = Phase.UNTOUCHED;
        if (withheldLength >= 0 && !isCommitted()) {
            getResponse().setContentLengthLong(withheldLength);
        }
        withheldLength = -1;
    }

    /** Whether the response, as it stands, is one the markup may go into. */
    private boolean eligible() {
        return eligibleIf(eligibleType());
    }

    private boolean eligibleType() {
        return isHtml(getContentType());
    }

    /**
     * Whether the response, given whether its type qualifies, is one the markup may go into: a page of status 200
     * the browser shows as the application's own (not a download, not a sandboxed document, whose origin is not
     * the application's) and whose bytes can be scanned. The headers are read from the container's response
     * because a filter around this one may have set them.
     */
    private boolean eligibleIf(boolean type) {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        return type
                && response.getStatus() == HttpServletResponse.SC_OK
                && !encoded
                && (byteChannel == null || asciiCompatible(response.getCharacterEncoding()))
                && !isAttachment(response.getHeader(CONTENT_DISPOSITION))
                && (response.getHeader(CONTENT_SECURITY_POLICY) == null
                        || !sandboxes(response.getHeaders(CONTENT_SECURITY_POLICY)));
    }

    /**
     * Keeps the page out of shared caches before the container can commit it, which may happen long before the
     * {@code </body>}: the page may get a personal token.
     */
    private void arm() {
        if (armed || isCommitted() || !eligible()) {
            return;
        }
        armed = true;
        CacheHeaders.keepOutOfSharedCaches((HttpServletResponse) getResponse());
    }

    /** Counts units on their way to the container, which may commit the response once it has enough. */
    private void beforeDownstream(int units) {
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
    private String markupToInsert() {
        if (!eligible() || (!armed && isCommitted())) {
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
        if (!isCommitted()) {
            ((HttpServletResponse) getResponse()).setHeader(INJECTED_HEADER, "1");
        }
        phase = Phase.INSERTED;
        return markupText;
    }

    private boolean withholdLength(long length) {
        synchronized (guard) {
            if (phase == Phase.UNTOUCHED) {
                return false;
            }
            if (phase != Phase.INSERTED) {
                withheldLength = Math.max(length, -1);
            }
            return true;
        }
    }

    private boolean intercepted(String name, String value) {
        if (CONTENT_ENCODING.equalsIgnoreCase(name)) {
            synchronized (guard) {
                encoded = true;
            }
            return false;
        }
        if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
            Long length = parseLength(value);
            return length != null && withholdLength(length);
        }
        return false;
    }

    /** After the application changed Cache-Control: an armed page stays private, with its directives. */
    private void afterHeader(String name) {
        if (CACHE_CONTROL.equalsIgnoreCase(name)) {
            synchronized (guard) {
                if (armed) {
                    CacheHeaders.keepOutOfSharedCaches((HttpServletResponse) getResponse());
                }
            }
        }
    }

    private static Long parseLength(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a Content-Disposition says the body is a download, to be saved rather than shown. */
    static boolean isAttachment(String contentDisposition) {
        if (contentDisposition == null) {
            return false;
        }
        int end = contentDisposition.indexOf(';');
        String type = end < 0 ? contentDisposition : contentDisposition.substring(0, end);
        return type.trim().equalsIgnoreCase("attachment");
    }

    /** Whether any of these Content-Security-Policy values has a {@code sandbox} directive. */
    static boolean sandboxes(Collection<String> policies) {
        for (String policy : policies) {
            // Directives are separated by ';', several policies in one value by ','.
            for (String directive : policy.split("[;,]")) {
                String trimmed = directive.trim();
                int nameEnd = 0;
                while (nameEnd < trimmed.length() && !Character.isWhitespace(trimmed.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (trimmed.substring(0, nameEnd).equalsIgnoreCase("sandbox")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a content type is {@code text/html} with any parameters; allocates nothing. A response without one
     * is not: browsers sniff such a body, and what the application did not call a page gets no token.
     */
    static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        int end = parameters < 0 ? contentType.length() : parameters;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        return end - start == "text/html".length() && contentType.regionMatches(true, start, "text/html", 0, end - start);
    }

    /**
     * Whether bytes in this encoding can be searched for an ASCII {@code </body>} and have ASCII markup
     * inserted: UTF-8 and single-byte encodings that keep ASCII as it is. Multi-byte legacy and stateful
     * encodings (Shift_JIS, ISO-2022-JP, UTF-16) are not.
     */
    static boolean asciiCompatible(String encoding) {
        if (encoding == null) {
            return false;
        }
        try {
            Charset charset = Charset.forName(encoding);
            if (charset.equals(StandardCharsets.UTF_8)) {
                return true;
            }
            return charset.canEncode()
                    && charset.newEncoder().maxBytesPerChar() == 1.0f
                    && ASCII.equals(new String(ASCII.getBytes(charset), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String asciiCharacters() {
        StringBuilder ascii = new StringBuilder(128);
        for (char c = 0; c < 128; c++) {
            ascii.append(c);
        }
        return ascii.toString();
    }

    private final class AsyncThroughInjection extends HttpServletRequestWrapper {

        AsyncThroughInjection(HttpServletRequest request) {
            super(request);
        }

        @Override
        public AsyncContext startAsync() {
            return getRequest().startAsync(this, InjectingResponse.this);
        }
    }

    /**
     * One output of the response, the container's stream or its writer, with the scanner for its page end: the
     * part of writing, flushing, closing and inserting that is the same for bytes and chars.
     */
    private final class Channel implements BodyEndScanner.Downstream {

        private final ServletOutputStream bytes;
        private final PrintWriter chars;
        final BodyEndScanner scanner;
        /** What the application writes to: a stream or a writer over this channel. */
        final Object facade;

        /** Either {@code bytes} or {@code chars}. */
        Channel(ServletOutputStream bytes, PrintWriter chars) {
            this.bytes = bytes;
            this.chars = chars;
            this.scanner = new BodyEndScanner(this, bytes != null);
            this.facade = bytes != null ? new InjectingStream() : new PrintWriter(new InjectingWriter()) {
                @Override
                public boolean checkError() {
                    return super.checkError() || chars.checkError();
                }
            };
        }

        /** A write by the application: units {@code [offset, offset + length)} of an array or string. */
        void write(Object units, int offset, int length, int unitsLength) throws IOException {
            if (offset < 0 || length < 0 || offset > unitsLength - length) {
                throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length
                        + ") out of bounds for length " + unitsLength);
            }
            synchronized (guard) {
                if (scanning()) {
                    scanner.write(units, offset, offset + length);
                    afterWrite(scanner);
                } else {
                    send(units, offset, offset + length);
                }
            }
        }

        void flush() throws IOException {
            flushScanner();
            (bytes != null ? bytes : chars).flush();
        }

        void close() throws IOException {
            finish();
            (bytes != null ? bytes : chars).close();
        }

        @Override
        public void write(Object units, int from, int to) throws IOException {
            beforeDownstream(to - from);
            send(units, from, to);
        }

        @Override
        public boolean insertMarkup() throws IOException {
            String insertion = markupToInsert();
            if (insertion == null) {
                return false;
            }
            if (bytes != null) {
                byte[] encoded = insertion.getBytes(Charset.forName(getCharacterEncoding()));
                write(encoded, 0, encoded.length);
            } else {
                write(insertion, 0, insertion.length());
            }
            return true;
        }

        private void send(Object units, int from, int to) throws IOException {
            if (units instanceof byte[]) {
                bytes.write((byte[]) units, from, to - from);
            } else if (units instanceof char[]) {
                chars.write((char[]) units, from, to - from);
            } else {
                chars.write((String) units, from, to - from);
            }
        }

        private final class InjectingStream extends ServletOutputStream {

            @Override
            public void write(int b) throws IOException {
                Channel.this.write(new byte[] {(byte) b}, 0, 1, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                Channel.this.write(bytes, offset, length, bytes.length);
            }

            @Override
            public void flush() throws IOException {
                Channel.this.flush();
            }

            @Override
            public void close() throws IOException {
                Channel.this.close();
            }

            @Override
            public boolean isReady() {
                return bytes.isReady();
            }

            /**
             * Non-blocking writes must each be one container write, and the end of the response is not observable:
             * the page is settled now, while writes still block, and later writes pass through untouched.
             */
            @Override
            public void setWriteListener(WriteListener listener) {
                synchronized (guard) {
                    try {
                        if (scanning()) {
                            scanner.flush();
                            scanner.release();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (phase == Phase.SCANNING) {
                        leaveUntouched();
                    }
                }
                bytes.setWriteListener(listener);
            }
        }

        private final class InjectingWriter extends Writer {

            @Override
            public void write(int c) throws IOException {
                Channel.this.write(new char[] {(char) c}, 0, 1, 1);
            }

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                Channel.this.write(buffer, offset, length, buffer.length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                Channel.this.write(text, offset, length, text.length());
            }

            @Override
            public void flush() throws IOException {
                Channel.this.flush();
            }

            @Override
            public void close() throws IOException {
                Channel.this.close();
            }
        }
    }
}
