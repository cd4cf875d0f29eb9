/**
 * Internal, no compatibility promise: zero-touch injection. A response wrapper that decides late whether a
 * response is an HTML page, finds its last {@code </body>} in stream or writer output and inserts the panel there,
 * leaving every other response as the application wrote it.
 */
package com.smsbat.chathub.internal.injection;
