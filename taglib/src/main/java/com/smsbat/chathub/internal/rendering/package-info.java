/**
 * Internal, no compatibility promise: the panel markup a page gets, for the widget tag and zero-touch injection
 * alike — a decided {@link com.smsbat.chathub.internal.rendering.PanelMarkup}, written by
 * {@link com.smsbat.chathub.internal.rendering.Panels} with every value encoded for its HTML context — and the
 * browser module it loads. Depends on no runtime type.
 */
package com.smsbat.chathub.internal.rendering;
