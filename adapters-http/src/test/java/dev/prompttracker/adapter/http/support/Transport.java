package dev.prompttracker.adapter.http.support;

import com.google.protobuf.Message;

/** One way of calling the API: gRPC or REST/JSON. Scenario tests run on both. */
public interface Transport {

    /** Calls {@code rpc} with an optional bearer token ({@code null} for none). */
    <Q extends Message, R extends Message> Outcome<R> call(Rpc<Q, R> rpc, String token, Q request);

    String name();
}
