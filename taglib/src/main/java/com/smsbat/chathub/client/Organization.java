package com.smsbat.chathub.client;

/**
 * A ChatHub organization (a team of operators within the company).
 *
 * @param id   ChatHub organization id
 * @param name display name
 */
public record Organization(long id, String name) {
}
