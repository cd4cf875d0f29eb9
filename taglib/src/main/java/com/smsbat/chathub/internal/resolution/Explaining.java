package com.smsbat.chathub.internal.resolution;

import com.smsbat.chathub.resolver.OperatorAssignment;
import com.smsbat.chathub.resolver.OperatorResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/** A built-in resolver, which says why it found no operator. */
public interface Explaining extends OperatorResolver {

    Resolution explain(String user, HttpServletRequest request);

    @Override
    default List<OperatorAssignment> resolve(String user, HttpServletRequest request) {
        return explain(user, request).assignments();
    }
}
