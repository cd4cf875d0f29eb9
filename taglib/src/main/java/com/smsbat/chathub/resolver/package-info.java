/**
 * API, the extension point: an application that knows better than the built-in resolvers which ChatHub operator a
 * user is implements {@link com.smsbat.chathub.resolver.OperatorResolver} and names the class in
 * {@code chathub.operator.resolver}; it answers with {@link com.smsbat.chathub.resolver.OperatorAssignment}s.
 */
package com.smsbat.chathub.resolver;
