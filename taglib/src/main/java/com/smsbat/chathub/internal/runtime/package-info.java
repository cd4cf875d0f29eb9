/**
 * Internal, no compatibility promise: one web application's running integration
 * ({@link com.smsbat.chathub.internal.runtime.ChatHubRuntime}: client, cache, resolver, sandbox, JMX), and what one
 * request knows and decides about its user's panels ({@link com.smsbat.chathub.internal.runtime.PanelState}).
 */
package com.smsbat.chathub.internal.runtime;
