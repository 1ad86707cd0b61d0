package dev.prompttracker.adapter.http.route;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.linecorp.armeria.common.HttpMethod;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST routes of the served gRPC services, read at start-up from the {@code google.api.http}
 * options of their descriptors (additional bindings included): the single place the edge learns which
 * path and verb reach which method. Transcoding reads the same options; nothing here restates them. A
 * rule in a form this table does not read is listed in {@link #unsupported()} (transcoding serves it).
 */
public final class RouteTable {
    private final List<HttpRoute> routes;
    private final Map<String, String> unsupported;

    private RouteTable(List<HttpRoute> routes, Map<String, String> unsupported) {
        this.routes = List.copyOf(routes);
        this.unsupported = Map.copyOf(unsupported);
    }

    public static RouteTable of(List<ServiceDescriptor> services) {
        List<HttpRoute> routes = new ArrayList<>();
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (ServiceDescriptor service : services) {
            if (!(service.getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier schema)) {
                throw new IllegalArgumentException(service.getName() + " has no proto descriptor to read rules from");
            }
            for (Descriptors.MethodDescriptor proto : schema.getServiceDescriptor().getMethods()) {
                MethodDescriptor<?, ?> method = service.getMethods().stream()
                        .filter(m -> m.getFullMethodName().equals(
                                MethodDescriptor.generateFullMethodName(service.getName(), proto.getName())))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no gRPC method for " + proto.getFullName()));
                if (!proto.getOptions().hasExtension(AnnotationsProto.http)) {
                    continue;
                }
                HttpRule rule = proto.getOptions().getExtension(AnnotationsProto.http);
                List<HttpRule> bindings = new ArrayList<>(List.of(rule));
                bindings.addAll(rule.getAdditionalBindingsList());
                for (HttpRule binding : bindings) {
                    try {
                        routes.add(route(method, proto, binding));
                    } catch (IllegalArgumentException beyondThisTable) {
                        // Transcoding still serves it; only a fast route for this method is refused.
                        unsupported.merge(method.getFullMethodName(), beyondThisTable.getMessage(),
                                (a, b) -> a + "; " + b);
                    }
                }
            }
        }
        // Of two templates matching one path, the one with more literal segments is the more specific.
        routes.sort(Comparator.comparingInt((HttpRoute r) -> r.path().literals()).reversed());
        return new RouteTable(routes, unsupported);
    }

    private static HttpRoute route(MethodDescriptor<?, ?> method, Descriptors.MethodDescriptor proto, HttpRule rule) {
        String template = switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case POST -> rule.getPost();
            case PUT -> rule.getPut();
            case PATCH -> rule.getPatch();
            case DELETE -> rule.getDelete();
            default -> throw new IllegalArgumentException("unsupported rule on " + proto.getFullName() + ": " + rule);
        };
        PathTemplate path = PathTemplate.parse(template);
        for (String variable : path.variables()) {
            if (proto.getInputType().findFieldByName(variable) == null) {
                throw new IllegalArgumentException(template + " names " + variable + ", not a field of "
                        + proto.getInputType().getFullName());
            }
        }
        if (!rule.getBody().isEmpty() && !rule.getBody().equals("*")) {
            throw new IllegalArgumentException("only body \"*\" or none is supported, not \"" + rule.getBody()
                    + "\" on " + proto.getFullName());
        }
        return new HttpRoute(method, proto, HttpMethod.valueOf(rule.getPatternCase().name()), path, rule.getBody());
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    /** Why a method's rule is beyond this table (a grammar it does not read), by full method name. */
    public Map<String, String> unsupported() {
        return unsupported;
    }

    /** The routes of one gRPC method. */
    public List<HttpRoute> routesOf(String fullMethodName) {
        return routes.stream().filter(r -> r.fullMethodName().equals(fullMethodName)).toList();
    }

    /** The route a request takes, with the values of its path variables. */
    public Optional<Match> find(HttpMethod verb, String path) {
        for (HttpRoute route : routes) {
            if (route.verb() == verb) {
                Optional<Map<String, String>> variables = route.path().match(path);
                if (variables.isPresent()) {
                    return Optional.of(new Match(route, variables.get()));
                }
            }
        }
        return Optional.empty();
    }

    public record Match(HttpRoute route, Map<String, String> variables) {
    }
}
