package dev.prompttracker.adapter.http.route;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.prompttracker.proto.v1.GetPromptRequest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcFramesTest {
    private final GetPromptRequest request = GetPromptRequest.newBuilder().setId("p_123").build();

    @Test
    void aFrameIsTheFlagTheLengthAndTheMessage() throws Exception {
        byte[] frame = GrpcFrames.frame(request);
        assertThat(frame[0]).isZero();
        assertThat(ByteBuffer.wrap(frame).getInt(1)).isEqualTo(request.getSerializedSize());
        ByteBuffer message = GrpcFrames.message(HttpData.wrap(frame)).orElseThrow();
        assertThat(GetPromptRequest.parseFrom(message)).isEqualTo(request);
    }

    @Test
    void compressedTruncatedOrSeveralMessagesAreNotRead() {
        byte[] frame = GrpcFrames.frame(request);
        byte[] compressed = frame.clone();
        compressed[0] = 1;
        byte[] twoMessages = new byte[frame.length * 2];
        System.arraycopy(frame, 0, twoMessages, 0, frame.length);
        System.arraycopy(frame, 0, twoMessages, frame.length, frame.length);
        byte[] truncated = java.util.Arrays.copyOf(frame, frame.length - 1);
        for (byte[] body : new byte[][] {compressed, twoMessages, truncated, new byte[4], new byte[0]}) {
            assertThat(GrpcFrames.message(HttpData.wrap(body))).isEmpty();
        }
        assertThat(GrpcFrames.message(HttpData.wrap(GrpcFrames.frame(GetPromptRequest.getDefaultInstance()))))
                .hasValueSatisfying(empty -> assertThat(empty.remaining()).isZero());
    }

    @Test
    void onlyPlainProtobufCallsAreRead() {
        assertThat(GrpcFrames.isPlainProto(headers("application/grpc", null))).isTrue();
        assertThat(GrpcFrames.isPlainProto(headers("application/grpc+proto", "identity"))).isTrue();
        assertThat(GrpcFrames.isPlainProto(headers("application/grpc", "gzip"))).isFalse();
        assertThat(GrpcFrames.isPlainProto(headers("application/grpc+json", null))).isFalse();
        assertThat(GrpcFrames.isPlainProto(headers("application/grpc-web", null))).isFalse();
        assertThat(GrpcFrames.isPlainProto(headers(null, null))).isFalse();
    }

    @Test
    void anAnswerCarriesStatusZeroInItsTrailers() {
        AggregatedHttpResponse answer = GrpcFrames.ok(GrpcFrames.frame(request)).aggregate().join();
        assertThat(answer.status().code()).isEqualTo(200);
        assertThat(answer.headers().contentType().toString()).isEqualTo("application/grpc+proto");
        assertThat(answer.headers().get("grpc-encoding")).isEqualTo("identity");
        assertThat(answer.trailers().get("grpc-status")).isEqualTo("0");
        assertThat(answer.content().array()).isEqualTo(GrpcFrames.frame(request));
    }

    private static RequestHeaders headers(String type, String encoding) {
        var headers = RequestHeaders.builder(HttpMethod.POST, "/prompttracker.v1.PromptService/GetPrompt");
        if (type != null) {
            headers.set("content-type", type);
        }
        if (encoding != null) {
            headers.set("grpc-encoding", encoding);
        }
        return headers.build();
    }
}
