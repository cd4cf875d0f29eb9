package com.smsbat.chathub.taglib;

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
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The response an application writes while {@link HtmlInjector} may insert markup into it. It decides as late
 * as it can, because an application may set its status, content type and length in any order until the
 * response commits; see {@link HtmlInjector} for the behaviour this implements.
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
    private final Supplier<String> markupSupplier;
    private final BooleanSupplier markupPending;
    private String markup;
    private boolean markupFetched;
    private Phase phase = Phase.UNDECIDED;
    /** The injection headers are set: the response may carry a personal token when it commits. */
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
    private long unitsBeforeArming;
    private int armingThreshold;
    private InjectingStream stream;
    private InjectingWriter chars;
    private PrintWriter writer;
    private BodyEndScanner active;

    InjectingResponse(HttpServletRequest request, HttpServletResponse response, Supplier<String> markupSupplier,
                      BooleanSupplier markupPending) {
        super(response);
        this.request = new AsyncThroughInjection(request);
        this.markupSupplier = markupSupplier;
        this.markupPending = markupPending;
    }

    /**
     * The request to pass down with this response. A plain {@code startAsync()} on it starts asynchronous
     * processing with this response, so that {@code AsyncContext.getResponse()} and async dispatches write
     * through it; the original request would hand out the container's own response and bypass the injection.
     */
    HttpServletRequest request() {
        return request;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream containerStream = getResponse().getOutputStream();
        synchronized (guard) {
            if (stream == null) {
                stream = new InjectingStream(containerStream);
            }
            active = stream.scanner;
            return stream;
        }
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter containerWriter = getResponse().getWriter();
        synchronized (guard) {
            if (writer == null) {
                chars = new InjectingWriter(containerWriter);
                writer = new PrintWriter(chars) {
                    @Override
                    public boolean checkError() {
                        return super.checkError() || containerWriter.checkError();
                    }
                };
            }
            active = chars.scanner;
            return writer;
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
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!intercepted(name, value)) {
            super.addHeader(name, value);
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
                active.finish();
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
                active.endOfWrite();
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
                active.release();
            }
            if (phase == Phase.UNDECIDED || phase == Phase.SCANNING) {
                leaveUntouched();
            }
        }
    }

    private boolean scanning() {
        if (phase == Phase.UNDECIDED) {
            if (!isCommitted() && eligible()) {
                phase = Phase.SCANNING;
                armingThreshold = Math.min(getBufferSize() / 4, MAX_UNARMED_UNITS);
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
                active.flush();
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
            active.reset();
        }
        unitsBeforeArming = 0;
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
        HttpServletResponse response = (HttpServletResponse) getResponse();
        return response.getStatus() == HttpServletResponse.SC_OK
                && isHtml(response.getContentType())
                && !encoded
                && (stream == null || asciiCompatible(response.getCharacterEncoding()));
    }

    /**
     * Sets the headers an injected response must carry before the container can commit it, which may happen
     * long before the {@code </body>}: the page may get a personal token.
     */
    private void arm() {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (armed || response.isCommitted() || !eligible()) {
            return;
        }
        armed = true;
        if (response.getHeaders(CACHE_CONTROL).stream().noneMatch(InjectingResponse::keepsPrivate)) {
            response.setHeader(CACHE_CONTROL, "private");
        }
        // Said only while markup may still come: a page whose tags already drew the panel gets none.
        if (markupPending.getAsBoolean()) {
            response.setHeader(INJECTED_HEADER, "1");
        }
    }

    private void beforeDownstream(int units) {
        if (!armed) {
            unitsBeforeArming += units;
            if (unitsBeforeArming > armingThreshold) {
                arm();
            }
        }
    }

    /** At the {@code </body>} that is to get the markup: the markup, or null when nothing is to be inserted. */
    private String markupToInsert() {
        if (!eligible() || (!armed && isCommitted())) {
            leaveUntouched();
            return null;
        }
        if (!markupFetched) {
            markupFetched = true;
            markup = markupSupplier.get();
        }
        if (markup == null || markup.isEmpty()) {
            leaveUntouched();
            return null;
        }
        arm();
        if (!isCommitted()) {
            ((HttpServletResponse) getResponse()).setHeader(INJECTED_HEADER, "1");
        }
        phase = Phase.INSERTED;
        return markup;
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
        if (CACHE_CONTROL.equalsIgnoreCase(name) && value != null) {
            synchronized (guard) {
                return armed && !keepsPrivate(value);
            }
        }
        return false;
    }

    private static Long parseLength(String value) {
        try {
            return value == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a Cache-Control value already keeps the page out of shared caches. */
    static boolean keepsPrivate(String cacheControl) {
        for (String directive : cacheControl.split(",")) {
            String name = directive.strip().toLowerCase(Locale.ROOT);
            // private="field" only hides the named fields; the body stays shareable.
            if (name.equals("private") || name.equals("no-store")) {
                return true;
            }
        }
        return false;
    }

    static boolean isHtml(String contentType) {
        if (contentType == null) {
            return true;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.strip().equalsIgnoreCase("text/html");
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

    private final class InjectingStream extends ServletOutputStream implements BodyEndScanner.Host {

        private final ServletOutputStream downstream;
        private final BodyEndScanner.OfBytes scanner;
        private final byte[] single = new byte[1];

        InjectingStream(ServletOutputStream downstream) {
            this.downstream = downstream;
            this.scanner = new BodyEndScanner.OfBytes(downstream, this);
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (guard) {
                single[0] = (byte) b;
                write(single, 0, 1);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            synchronized (guard) {
                if (scanning()) {
                    scanner.write(bytes, offset, length);
                    afterWrite(scanner);
                } else {
                    downstream.write(bytes, offset, length);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            flushScanner();
            downstream.flush();
        }

        @Override
        public void close() throws IOException {
            finish();
            downstream.close();
        }

        @Override
        public boolean isReady() {
            return downstream.isReady();
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
            downstream.setWriteListener(listener);
        }

        @Override
        public void beforeDownstream(int units) {
            InjectingResponse.this.beforeDownstream(units);
        }

        @Override
        public boolean insertMarkup() throws IOException {
            String insertion = markupToInsert();
            if (insertion == null) {
                return false;
            }
            downstream.write(insertion.getBytes(Charset.forName(getCharacterEncoding())));
            return true;
        }
    }

    private final class InjectingWriter extends Writer implements BodyEndScanner.Host {

        private final PrintWriter downstream;
        private final BodyEndScanner.OfChars scanner;
        private final char[] single = new char[1];

        InjectingWriter(PrintWriter downstream) {
            this.downstream = downstream;
            this.scanner = new BodyEndScanner.OfChars(downstream, this);
        }

        @Override
        public void write(int c) throws IOException {
            synchronized (guard) {
                single[0] = (char) c;
                write(single, 0, 1);
            }
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            synchronized (guard) {
                if (scanning()) {
                    scanner.write(buffer, offset, length);
                    afterWrite(scanner);
                } else {
                    downstream.write(buffer, offset, length);
                }
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, text.length());
            synchronized (guard) {
                if (scanning()) {
                    scanner.write(text, offset, length);
                    afterWrite(scanner);
                } else {
                    downstream.write(text, offset, length);
                }
            }
        }

        @Override
        public void flush() throws IOException {
            flushScanner();
            downstream.flush();
        }

        @Override
        public void close() throws IOException {
            finish();
            downstream.close();
        }

        @Override
        public void beforeDownstream(int units) {
            InjectingResponse.this.beforeDownstream(units);
        }

        @Override
        public boolean insertMarkup() {
            String insertion = markupToInsert();
            if (insertion == null) {
                return false;
            }
            downstream.write(insertion);
            return true;
        }
    }
}
