package com.smsbat.chathub.internal.injection;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * One output of an injected response, the container's stream or its writer, with the scanner for its page end:
 * the part of writing, flushing, closing and inserting that is the same for bytes and chars. Its
 * {@link Injection} decides, under its lock, whether a write is scanned or passed on.
 */
final class Channel implements BodyEndScanner.Downstream {

    private final Injection injection;
    private final ServletOutputStream bytes;
    private final PrintWriter chars;
    final BodyEndScanner scanner;
    /** What the application writes to: a stream or a writer over this channel. */
    final Object facade;

    /** Over either {@code bytes} or {@code chars}. */
    Channel(Injection injection, ServletOutputStream bytes, PrintWriter chars) {
        this.injection = injection;
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
    private void write(Object units, int offset, int length, int unitsLength) throws IOException {
        if (offset < 0 || length < 0 || offset > unitsLength - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + " + " + length
                    + ") out of bounds for length " + unitsLength);
        }
        injection.write(this, units, offset, offset + length);
    }

    private void flush() throws IOException {
        injection.flush();
        (bytes != null ? bytes : chars).flush();
    }

    private void close() throws IOException {
        injection.finish();
        (bytes != null ? bytes : chars).close();
    }

    @Override
    public void write(Object units, int from, int to) throws IOException {
        injection.beforeDownstream(to - from);
        send(units, from, to);
    }

    @Override
    public boolean insertMarkup() throws IOException {
        String insertion = injection.markupToInsert();
        if (insertion == null) {
            return false;
        }
        if (bytes != null) {
            byte[] encoded = insertion.getBytes(Charset.forName(injection.characterEncoding()));
            write(encoded, 0, encoded.length);
        } else {
            write(insertion, 0, insertion.length());
        }
        return true;
    }

    /** Units {@code [from, to)} straight to the container. */
    void send(Object units, int from, int to) throws IOException {
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

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                injection.nonBlockingFrom(Channel.this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
