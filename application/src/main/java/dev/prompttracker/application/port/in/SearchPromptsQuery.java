package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * A search as the edge received it (empty strings = not given): the query text, a tag and a model
 * filter, a scope ({@code own}, {@code public}, or empty for both the caller's and public prompts),
 * a creation date range ({@code from} inclusive, {@code to} inclusive when a date, exclusive when a
 * time), and a page.
 */
public record SearchPromptsQuery(Actor actor, String q, String tag, String model, String scope, String from,
                                 String to, int pageSize, String pageToken, ClientInfo client) {
    public SearchPromptsQuery {
        q = q == null ? "" : q;
        tag = tag == null ? "" : tag;
        model = model == null ? "" : model;
        scope = scope == null ? "" : scope;
        from = from == null ? "" : from;
        to = to == null ? "" : to;
        pageToken = pageToken == null ? "" : pageToken;
        client = client == null ? ClientInfo.UNKNOWN : client;
    }
}
