/**
 * Internal, no compatibility promise: the panel markup a page gets, for the widget tag and zero-touch injection
 * alike, with every value encoded for its HTML attribute.
 */
package com.smsbat.chathub.internal.rendering;
