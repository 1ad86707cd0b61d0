package dev.prompttracker.adapter.http.route;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import io.grpc.DecompressorRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The gRPC wire format of a unary call (gRPC over HTTP/2, "Length-Prefixed-Message"): one uncompressed
 * message in, one out, with the headers and trailers Armeria's gRPC service sends for a success. Only
 * what a call answered from memory needs; anything else is left to Armeria's gRPC service.
 */
public final class GrpcFrames {
    static final int HEADER_BYTES = 5;
    private static final MediaType GRPC = MediaType.parse("application/grpc");
    private static final MediaType GRPC_PROTO = MediaType.parse("application/grpc+proto");
    private static final ResponseHeaders OK = okHeaders();
    private static final HttpHeaders OK_TRAILERS = HttpHeaders.of("grpc-status", "0");

    private GrpcFrames() {
    }

    /** Whether the call is plain gRPC with protobuf messages, uncompressed (not gRPC-Web, not JSON). */
    public static boolean isPlainProto(RequestHeaders headers) {
        MediaType type = headers.contentType();
        String encoding = headers.get("grpc-encoding");
        return type != null && (type.is(GRPC) || type.is(GRPC_PROTO))
                && (encoding == null || encoding.equals("identity"));
    }

    /** The one uncompressed message of a unary request body, or empty for anything else. */
    public static Optional<ByteBuffer> message(HttpData body) {
        byte[] bytes = body.array();
        if (bytes.length < HEADER_BYTES || bytes[0] != 0) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(1) != bytes.length - HEADER_BYTES) {
            return Optional.empty();
        }
        return Optional.of(buffer.position(HEADER_BYTES).slice());
    }

    /** {@code message} as one uncompressed frame. */
    public static byte[] frame(MessageLite message) {
        int size = message.getSerializedSize();
        byte[] frame = new byte[HEADER_BYTES + size];
        ByteBuffer.wrap(frame).put((byte) 0).putInt(size);
        CodedOutputStream out = CodedOutputStream.newInstance(frame, HEADER_BYTES, size);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.checkNoSpaceLeft();
        return frame;
    }

    /** A successful unary answer carrying {@code frame}. */
    public static HttpResponse ok(byte[] frame) {
        return HttpResponse.of(OK, HttpData.wrap(frame), OK_TRAILERS);
    }

    /** As Armeria's gRPC service answers: the message encoding, and the encodings it would accept. */
    private static ResponseHeaders okHeaders() {
        var headers = ResponseHeaders.builder(HttpStatus.OK).contentType(GRPC_PROTO).add("grpc-encoding", "identity");
        String accepted = String.join(",", DecompressorRegistry.getDefaultInstance().getAdvertisedMessageEncodings());
        if (!accepted.isEmpty()) {
            headers.add("grpc-accept-encoding", accepted);
        }
        return headers.build();
    }
}
