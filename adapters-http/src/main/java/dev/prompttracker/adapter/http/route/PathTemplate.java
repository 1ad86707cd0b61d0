package dev.prompttracker.adapter.http.route;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path of a {@code google.api.http} rule, such as {@code /api/prompts/{prompt_id}/responses/{id}}:
 * literal segments and single-segment variables ({@code {field}} or {@code {field=*}}), each naming a
 * top-level field of the request, optionally followed by a custom verb ({@code …/{number}:restore},
 * {@code …/responses:diff}). Other forms of the grammar ({@code **}, nested fields) are refused when the
 * table is built, so that an unsupported rule is noticed, not skipped.
 */
public record PathTemplate(String template, List<String> segments, String verb) {
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_][a-z0-9_]*)(=\\*)?}");
    private static final Pattern VERB = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    public PathTemplate {
        segments = List.copyOf(segments);
    }

    public static PathTemplate parse(String template) {
        if (!template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
            throw new IllegalArgumentException("a path template starts with / and names a resource: " + template);
        }
        String path = template;
        String verb = "";
        int colon = template.indexOf(':', template.lastIndexOf('/'));
        if (colon >= 0) {
            verb = template.substring(colon + 1);
            path = template.substring(0, colon);
            if (!VERB.matcher(verb).matches() || path.endsWith("/")) {
                throw new IllegalArgumentException("unsupported verb ':" + verb + "' in " + template);
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.startsWith("{")) {
                Matcher variable = VARIABLE.matcher(segment);
                if (!variable.matches()) {
                    throw new IllegalArgumentException("unsupported path variable " + segment + " in " + template);
                }
                segments.add("{" + variable.group(1));
            } else if (segment.isEmpty() || segment.contains("*") || segment.contains(":") || segment.contains("{")) {
                throw new IllegalArgumentException("unsupported path segment '" + segment + "' in " + template);
            } else {
                segments.add(segment);
            }
        }
        return new PathTemplate(template, segments, verb);
    }

    /** The request fields named by the path, in order. */
    public List<String> variables() {
        return segments.stream().filter(PathTemplate::isVariable).map(s -> s.substring(1)).toList();
    }

    /** How many segments are literal (a verb counts as one): the more specific of two matching templates wins. */
    public int literals() {
        return (int) segments.stream().filter(s -> !isVariable(s)).count() + (verb.isEmpty() ? 0 : 1);
    }

    /**
     * The variables' values when {@code path} (without its query) matches, each one segment, non-empty
     * and taken as sent: a percent-encoded segment is left to the transcoder, which decodes it.
     */
    public Optional<Map<String, String>> match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return Optional.empty();
        }
        if (!verb.isEmpty()) {
            String suffix = ":" + verb;
            if (!path.endsWith(suffix) || path.lastIndexOf('/') > path.length() - suffix.length()) {
                return Optional.empty();
            }
            path = path.substring(0, path.length() - suffix.length());
        }
        Map<String, String> values = null;
        int start = 1;
        for (int i = 0; i < segments.size(); i++) {
            if (start > path.length()) {
                return Optional.empty();
            }
            int end = path.indexOf('/', start);
            boolean last = i == segments.size() - 1;
            if (last != (end < 0)) {
                return Optional.empty();
            }
            String part = path.substring(start, last ? path.length() : end);
            String segment = segments.get(i);
            if (isVariable(segment)) {
                if (part.isEmpty() || part.indexOf('%') >= 0) {
                    return Optional.empty();
                }
                if (values == null) {
                    values = new LinkedHashMap<>(4);
                }
                values.put(segment.substring(1), part);
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
            start = last ? path.length() : end + 1;
        }
        return Optional.of(values == null ? Map.of() : values);
    }

    /** The path for these variable values, each percent-encoded as one segment (what a client sends). */
    public String expand(Map<String, String> values) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/');
            if (isVariable(segment)) {
                String value = values.get(segment.substring(1));
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException(template + " needs a value for " + segment.substring(1));
                }
                path.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                path.append(segment);
            }
        }
        if (!verb.isEmpty()) {
            path.append(':').append(verb);
        }
        return path.toString();
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{");
    }

    @Override
    public String toString() {
        return template;
    }
}
