/**
 * Internal, no compatibility promise: the settings. {@link com.smsbat.chathub.internal.config.Setting} names every
 * setting with its default and meaning (the settings' names are API, the enum is not);
 * {@link com.smsbat.chathub.internal.config.SettingSources} looks them up (system property, environment, JNDI,
 * filter and context parameters); {@link com.smsbat.chathub.internal.config.ChatHubConfig} is the validated result,
 * made only by parsing, in groups each handed whole to what it configures (client, cache, identity, resolution,
 * injection, page). Every setting error is raised here, also for what a setting names in the web application (the
 * mapping file, a resolver class).
 */
package com.smsbat.chathub.internal.config;
