/**
 * API: what a servlet container or a JSP page touches. {@link com.smsbat.chathub.taglib.ChatHubFilter} starts the
 * integration of one web application and serves it per request (token endpoint, zero-touch injection);
 * {@link com.smsbat.chathub.taglib.ChatHubInitializer} registers the filter where the web-fragment is not read;
 * {@link com.smsbat.chathub.taglib.WidgetTag} and {@link com.smsbat.chathub.taglib.TokenTag} are the
 * {@code <chathub:widget/>} and {@code <chathub:token/>} tags, the latter exposing a
 * {@link com.smsbat.chathub.taglib.WidgetToken}. Everything else they use lives under
 * {@code com.smsbat.chathub.internal}.
 */
package com.smsbat.chathub.taglib;
