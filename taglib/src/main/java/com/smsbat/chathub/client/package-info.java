/**
 * API: a client of ChatHub's HTTP API ({@link com.smsbat.chathub.client.ChatHubClient}) with its value records and
 * exception hierarchy. It logs in with company credentials, keeps the company token, and never puts a secret into a
 * message, a log line or {@code toString()}. Its transport, JSON bodies and session are package-private.
 */
package com.smsbat.chathub.client;
