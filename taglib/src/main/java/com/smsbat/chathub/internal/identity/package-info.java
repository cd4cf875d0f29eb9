/**
 * Who is signed in, and whether they may have a panel at all: {@code request.getRemoteUser()}, a session
 * attribute, or EL expressions ({@code chathub.user}, {@code chathub.role.expression}) over a fixed set of implicit
 * objects. Internal: may change without notice.
 */
package com.smsbat.chathub.internal.identity;
