/**
 * Internal, no compatibility promise: which ChatHub operators a logged-in user is. The built-in resolvers
 * ({@code mapping}, {@code session}, {@code directory}, one file each) and the choice between them
 * ({@code Resolvers}), ChatHub's organization and operator lists kept fresh in the background, and the verdict that
 * tells administrators why a user has no panel.
 */
package com.smsbat.chathub.internal.resolution;
