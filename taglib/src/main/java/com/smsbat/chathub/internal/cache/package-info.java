/**
 * Internal, no compatibility promise: the server-side cache of operator tokens, which fetches each token once,
 * renews it in the background before it expires, bounds how long a page waits and remembers failures so that a
 * failing ChatHub is not asked on every page view.
 */
package com.smsbat.chathub.internal.cache;
