package dev.prompttracker.bench;

import com.google.protobuf.MessageLite;

import java.nio.ByteBuffer;

/**
 * gRPC's length-prefixed message on the wire (a compressed flag, a big-endian length, the message):
 * what h2load posts as a unary call's body, and what the check call reads back.
 */
final class GrpcFrame {
    private static final int PREFIX = 5;

    private GrpcFrame() {
    }

    /** The uncompressed frame of one message. */
    static byte[] of(MessageLite message) {
        byte[] payload = message.toByteArray();
        return ByteBuffer.allocate(PREFIX + payload.length).put((byte) 0).putInt(payload.length).put(payload).array();
    }

    /**
     * The message of a body holding exactly one uncompressed frame.
     *
     * @throws IllegalArgumentException for anything else: the harness asked for no compression
     */
    static byte[] payload(byte[] body) {
        if (body.length < PREFIX) {
            throw new IllegalArgumentException("a gRPC frame needs 5 bytes of prefix, got " + body.length);
        }
        ByteBuffer frame = ByteBuffer.wrap(body);
        byte compressed = frame.get();
        int length = frame.getInt();
        if (compressed != 0) {
            throw new IllegalArgumentException("compressed frame (flag " + compressed + ")");
        }
        if (length != frame.remaining()) {
            throw new IllegalArgumentException("frame says " + length + " bytes, body holds " + frame.remaining());
        }
        byte[] payload = new byte[length];
        frame.get(payload);
        return payload;
    }
}
