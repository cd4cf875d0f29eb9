package com.smsbat.chathub.internal.identity;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.beans.FeatureDescriptor;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The implicit objects {@code chathub.user} and {@code chathub.role.expression} can use, resolved straight from the
 * request: JSP's {@code sessionScope}, {@code requestScope}, {@code header}, {@code headerValues} and
 * {@code cookie}, and {@code principal} ({@code request.getUserPrincipal()}). Scopes are looked up entry by entry
 * rather than copied into maps, so an expression costs what it reads. A session is never created.
 */
final class RequestObjects extends ELResolver {

    static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "sessionScope", "requestScope", "header", "headerValues", "cookie", "principal")));

    /** A scope whose entries this resolver looks up. */
    private enum Scope {
        SESSION, REQUEST, HEADER, HEADER_VALUES, COOKIE
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Object found = context.getContext(HttpServletRequest.class);
        if (!(found instanceof HttpServletRequest) || !(property instanceof String)) {
            return null;
        }
        HttpServletRequest request = (HttpServletRequest) found;
        String name = (String) property;
        Object value;
        if (base == null) {
            if (!NAMES.contains(name)) {
                return null;
            }
            value = implicit(request, name);
        } else if (base instanceof Scope) {
            value = entry(request, (Scope) base, name);
        } else {
            return null;
        }
        context.setPropertyResolved(base, property);
        return value;
    }

    private static Object implicit(HttpServletRequest request, String name) {
        switch (name) {
            case "sessionScope":
                return Scope.SESSION;
            case "requestScope":
                return Scope.REQUEST;
            case "header":
                return Scope.HEADER;
            case "headerValues":
                return Scope.HEADER_VALUES;
            case "cookie":
                return Scope.COOKIE;
            default:
                return request.getUserPrincipal();
        }
    }

    private static Object entry(HttpServletRequest request, Scope scope, String name) {
        switch (scope) {
            case SESSION:
                return Identity.sessionAttribute(request, name);
            case REQUEST:
                return request.getAttribute(name);
            case HEADER:
                return request.getHeader(name);
            case HEADER_VALUES:
                Enumeration<String> headers = request.getHeaders(name);
                List<String> values = headers == null ? Collections.<String>emptyList() : Collections.list(headers);
                return values.isEmpty() ? null : values.toArray(new String[0]);
            default:
                Cookie[] cookies = request.getCookies();
                if (cookies != null) {
                    for (Cookie cookie : cookies) {
                        if (cookie.getName().equals(name)) {
                            return cookie;
                        }
                    }
                }
                return null;
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        if (base == null && NAMES.contains(property) || base instanceof Scope) {
            context.setPropertyResolved(base, property);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base == null && NAMES.contains(property) || base instanceof Scope) {
            throw new PropertyNotWritableException("ChatHub's expressions only read the request");
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (base == null && NAMES.contains(property) || base instanceof Scope) {
            context.setPropertyResolved(base, property);
            return true;
        }
        return false;
    }

    // Abstract up to EL 5.0, gone in 6.0: kept without @Override so the class fits both.
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base == null || base instanceof Scope ? String.class : null;
    }
}
