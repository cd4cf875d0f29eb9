/**
 * Internal, no compatibility promise: the settings. {@link com.smsbat.chathub.internal.config.Setting} names every
 * setting with its default and meaning (the settings' names are API, the enum is not);
 * {@link com.smsbat.chathub.internal.config.SettingSources} looks them up (system property, environment, JNDI,
 * filter and context parameters); {@link com.smsbat.chathub.internal.config.ChatHubConfig} is the validated result,
 * made only by parsing.
 */
package com.smsbat.chathub.internal.config;
