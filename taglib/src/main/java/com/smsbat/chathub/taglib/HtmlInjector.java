package com.smsbat.chathub.taglib;
/** Zero-touch injection (issue 5) is not built yet: requests pass through untouched. */
import jakarta.servlet.*;
import jakarta.servlet.http.*;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
final class HtmlInjector {
    HtmlInjector(List<String> excludePatterns) {}
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Supplier<String> markup)
            throws IOException, ServletException { chain.doFilter(request, response); }
}
