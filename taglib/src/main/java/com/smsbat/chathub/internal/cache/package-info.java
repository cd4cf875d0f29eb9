/**
 * Internal, no compatibility promise: the server-side cache of operator tokens, which fetches each token once,
 * renews it in the background before it expires, bounds how long a page waits and remembers failures so that a
 * failing ChatHub is not asked on every page view. Its loading ({@code SingleFlight}: one load at a time,
 * waited for within a budget, a failure remembered) and its daemon threads ({@code DaemonThreads}) serve the
 * operator directory too.
 */
package com.smsbat.chathub.internal.cache;
