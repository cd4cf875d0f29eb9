/**
 * API for development and tests: {@link com.smsbat.chathub.sandbox.ChatHubSandbox}, an offline ChatHub on
 * 127.0.0.1 that answers as ChatHub's reference pages show ({@code chathub.api.url=sandbox} starts one inside the
 * application). Never for production. Its fault injector is part of the tests, not of this jar.
 */
package com.smsbat.chathub.sandbox;
