/**
 * Internal, no compatibility promise: the JSON token endpoint ({@code GET /api/chathub/token}) that pages and SPAs
 * renew their panel's token from. Its path, JSON and statuses are API; this code is not.
 */
package com.smsbat.chathub.internal.endpoint;
