package com.smsbat.chathub.internal.injection;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response an application writes while {@link HtmlInjector} may insert markup into it: it intercepts what
 * the application does to headers, buffer and output and reports it to the response's {@link Injection}, which
 * decides; what the application writes goes through a {@link Channel}. Comes with a request to pass down the
 * chain alongside it: see {@link #request()}.
 */
final class InjectingResponse extends HttpServletResponseWrapper {

    private static final String CONTENT_LENGTH = "Content-Length";
    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String CONTENT_ENCODING = "Content-Encoding";

    private final HttpServletRequest request;
    final Injection injection;

    InjectingResponse(HttpServletRequest request, HttpServletResponse response, HtmlInjector.Markup markup) {
        super(response);
        this.request = new AsyncThroughInjection(request, this);
        // The wrapper, not the original: a container's forward may slip its own request in beneath it.
        this.injection = new Injection(this.request, this, markup);
    }

    /** The request to pass down with this response: {@code startAsync()} on it keeps writing through this one. */
    HttpServletRequest request() {
        return request;
    }

    /** A response already known not to be a page gets the container's own stream, and costs nothing more. */
    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        ServletOutputStream containerStream = getResponse().getOutputStream();
        Channel channel = injection.channel(containerStream, null);
        return channel == null ? containerStream : (ServletOutputStream) channel.facade;
    }

    /** A response already known not to be a page gets the container's own writer, and costs nothing more. */
    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter containerWriter = getResponse().getWriter();
        Channel channel = injection.channel(null, containerWriter);
        return channel == null ? containerWriter : (PrintWriter) channel.facade;
    }

    @Override
    public void setContentType(String type) {
        super.setContentType(type);
        if (type != null && !PageHeaders.isHtml(type)) {
            injection.typeOtherThanHtml();
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        injection.flush();
        super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
        injection.resetBuffer();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        injection.reset();
        super.reset();
    }

    @Override
    public void sendError(int status) throws IOException {
        injection.containerTakesOver();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        injection.containerTakesOver();
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        injection.containerTakesOver();
        super.sendRedirect(location);
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!injection.withholdLength(length)) {
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

    /** Whether the header is held back: a Content-Length while the page may still be injected. */
    private boolean intercepted(String name, String value) {
        if (CONTENT_ENCODING.equalsIgnoreCase(name)) {
            injection.contentEncodingSet();
            return false;
        }
        if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
            Long length = parseLength(value);
            return length != null && injection.withholdLength(length);
        }
        return false;
    }

    private void afterHeader(String name) {
        if (CACHE_CONTROL.equalsIgnoreCase(name)) {
            injection.cacheControlSet();
        }
    }

    private static Long parseLength(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
