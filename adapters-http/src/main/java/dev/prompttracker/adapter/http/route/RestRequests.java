package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import io.grpc.MethodDescriptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a method's request message from a REST call the way transcoding does: the JSON body read by
 * the service's JSON codec, path variables, and query parameters under the field's proto name, its
 * lowerCamel name or its JSON name. Only the plain cases are read here; a call that asks for more
 * (a query string beside a body, a field given twice, a percent-encoded path, a value that does not
 * parse, a field type not listed below) is empty, so that transcoding answers it, errors included.
 */
final class RestRequests {
    private RestRequests() {
    }

    static Message prototype(MethodDescriptor<?, ?> method) {
        if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller
                && marshaller.getMessagePrototype() instanceof Message prototype) {
            return prototype;
        }
        throw new IllegalArgumentException(method.getFullMethodName() + " does not take a protobuf message");
    }

    /** The request of a route that takes no body: path variables and query parameters. */
    static Optional<Message> fromQuery(HttpRoute route, Map<String, String> variables, String rawQuery) {
        Message.Builder request = prototype(route.method()).newBuilderForType();
        if (!setAll(request, variables)) {
            return Optional.empty();
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            QueryParams params = QueryParams.fromQueryString(rawQuery);
            Set<FieldDescriptor> given = new HashSet<>();
            for (String name : params.names()) {
                FieldDescriptor field = queryField(request, name);
                if (field == null || variables.containsKey(field.getName()) || !given.add(field)) {
                    return Optional.empty();
                }
                List<String> values = params.getAll(name);
                if (!field.isRepeated() && values.size() != 1) {
                    return Optional.empty();
                }
                for (String value : values) {
                    Object parsed = scalar(field, value);
                    if (parsed == null) {
                        return Optional.empty();
                    }
                    if (field.isRepeated()) {
                        request.addRepeatedField(field, parsed);
                    } else {
                        request.setField(field, parsed);
                    }
                }
            }
        }
        return Optional.of(request.build());
    }

    /** The request of a route whose body is the whole message ({@code body: "*"}), less its path fields. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Optional<Message> fromBody(HttpRoute route, Map<String, String> variables, String rawQuery,
                                      MediaType contentType, HttpData body, GrpcJsonMarshaller codec, long maxBytes) {
        if ((rawQuery != null && !rawQuery.isEmpty()) || !isUtf8Json(contentType) || body.isEmpty()
                || body.length() > maxBytes) {
            return Optional.empty();
        }
        Message decoded;
        try {
            decoded = (Message) codec.deserializeMessage((MethodDescriptor.Marshaller) route.method()
                    .getRequestMarshaller(), body.toInputStream());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        Message.Builder request = decoded.toBuilder();
        for (String variable : variables.keySet()) {
            FieldDescriptor field = request.getDescriptorForType().findFieldByName(variable);
            // The field in the body as well as in the path: transcoding settles which one wins.
            if (field.isRepeated() ? request.getRepeatedFieldCount(field) > 0 : request.hasField(field)) {
                return Optional.empty();
            }
        }
        return setAll(request, variables) ? Optional.of(request.build()) : Optional.empty();
    }

    private static boolean isUtf8Json(MediaType type) {
        return type != null && type.is(MediaType.JSON)
                && type.charset(StandardCharsets.UTF_8).equals(StandardCharsets.UTF_8);
    }

    private static boolean setAll(Message.Builder request, Map<String, String> variables) {
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            FieldDescriptor field = request.getDescriptorForType().findFieldByName(variable.getKey());
            Object value = field.isRepeated() ? null : scalar(field, variable.getValue());
            if (value == null) {
                return false;
            }
            request.setField(field, value);
        }
        return true;
    }

    private static FieldDescriptor queryField(Message.Builder request, String name) {
        for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
            if (field.getName().equals(name) || field.getJsonName().equals(name)
                    || lowerCamel(field.getName()).equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static String lowerCamel(String protoName) {
        StringBuilder camel = new StringBuilder(protoName.length());
        boolean upper = false;
        for (char c : protoName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static final Set<FieldDescriptor.Type> SIGNED = Set.of(FieldDescriptor.Type.INT32,
            FieldDescriptor.Type.SINT32, FieldDescriptor.Type.SFIXED32, FieldDescriptor.Type.INT64,
            FieldDescriptor.Type.SINT64, FieldDescriptor.Type.SFIXED64);

    /** {@code text} as a value of a string, signed integer or boolean field; null for anything else. */
    private static Object scalar(FieldDescriptor field, String text) {
        try {
            return switch (field.getJavaType()) {
                case STRING -> text;
                case INT -> SIGNED.contains(field.getType()) ? Integer.valueOf(text) : null;
                case LONG -> SIGNED.contains(field.getType()) ? Long.valueOf(text) : null;
                case BOOLEAN -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
                default -> null;
            };
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
