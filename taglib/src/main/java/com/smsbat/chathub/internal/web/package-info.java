/**
 * Internal, no compatibility promise: the library in one web application
 * ({@link com.smsbat.chathub.internal.web.ChatHubWeb}), the one entry point of the public filter, initializer and
 * tags — start-up policy, request routing, the tags' panels — and why the library is off when it is.
 */
package com.smsbat.chathub.internal.web;
